"""Execute one notebook with nbclient (a real Jupyter client) and report what happened.

usage: python execute_notebook.py INPUT OUTPUT [--kernel NAME] [--timeout SECONDS] [--no-widget-state]

The kernel starts in INPUT's folder. The executed copy (with widget state unless
--no-widget-state) is written to OUTPUT even when a cell fails. The last line on stdout
is a JSON report: ok, the failing cell, every error and stderr output, widget models saved.
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--kernel", default="upsampling-lab")
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--no-widget-state", action="store_true")
    args = parser.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        startup_timeout=60,
        store_widget_state=not args.no_widget_state,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.input))}},
    )
    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except CellExecutionError as error:
        failure = str(error)
    except Exception as error:  # kernel died, timeout, no such kernel...
        failure = f"{type(error).__name__}: {error}"
    seconds = time.monotonic() - started

    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append({
                    "cell": index,
                    "kind": "error",
                    "text": f"{output.get('ename')}: {output.get('evalue')}",
                })
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                problems.append({"cell": index, "kind": "stderr", "text": output.get("text", "")})

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    nbformat.write(nb, args.output)
    widgets = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    report = {
        "ok": failure is None and not problems,
        "failure": failure,
        "problems": problems,
        "widgetModels": len(widgets),
        "seconds": round(seconds, 2),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
