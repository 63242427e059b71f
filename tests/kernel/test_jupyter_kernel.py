"""jupyter_kernel_test 0.7 against the Upsampling Lab kernel (kernelspec "upsampling-lab").

Run by tests/kernel/jupyter-kernel-test.test.ts, which installs the kernelspec into a temporary
prefix, puts it on JUPYTER_PATH and starts Python in notebooks/ (so the library imports by name).
"""
import unittest

import jupyter_kernel_test


class UpsamplingLabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "upsampling-lab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "Math.fl", "matches": {"floor"}},
        {"text": "const fooBarBaz = 1; fooBa", "matches": {"fooBarBaz"}},
    ]

    complete_code_samples = ["1 + 1", "const x = 3;", "function f() {\n  return 1;\n}"]
    incomplete_code_samples = ["function f() {", "if (x) {\n  x += 1;", "const a = ["]
    invalid_code_samples = ["const = 5;", "let 3x = 1;"]

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"up" + "sampling"', "result": "'upsampling'"},
        {"code": "[1, 2, 3].map((v) => v * 2)", "result": "[ 2, 4, 6 ]"},
    ]

    code_display_data = [
        {
            "code": 'const bridge = (globalThis as any)[Symbol.for("upsampling-lab.kernel-bridge.v1")];\n'
            'bridge.display({ "text/html": "<b>up</b>", "text/plain": "up" });',
            "mime": "text/html",
        },
        {
            "code": 'import * as tslab from "tslab";\ntslab.display.markdown("**tslab display API**");',
            "mime": "text/markdown",
        },
    ]

    code_history_pattern = "6 * *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = 'import { zeros } from "upsampling-lab";\nzeros'

    code_clear_output = (
        "(globalThis as any)[Symbol.for(\"upsampling-lab.kernel-bridge.v1\")].clearOutput(false)"
    )


if __name__ == "__main__":
    unittest.main()
