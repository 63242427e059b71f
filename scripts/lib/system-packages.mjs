// What the tests need from the operating system beyond Node and Python: a Chromium (browser
// tests, PDF export) and the DejaVu fonts the figures are measured with. `npm start` installs
// Debian's packages through apt-get when it can (root, or sudo without a password); otherwise
// it, and `npm test` before running anything, name what is missing and how to install it on
// Debian/Ubuntu, Fedora and macOS.
import fs from "node:fs";
import path from "node:path";
import { capture, report, run } from "./proc.mjs";

const chromiumSettings = JSON.parse(fs.readFileSync(new URL("./chromium.json", import.meta.url), "utf8"));

/** Where DejaVu Sans lives on the Linux distributions we name (macOS ships its own fonts). */
const DEJAVU_FILES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
];

/**
 * Each system prerequisite: how to tell it is there, and its package names on each system
 * (`apt`: Debian's, which `npm start` installs itself when it may; `brew`: null when macOS has it).
 */
export const SYSTEM_PREREQUISITES = [
  {
    name: "Chromium",
    present: (env) => (env.CHROMIUM ? [env.CHROMIUM] : chromiumSettings.candidates).some((file) => fs.existsSync(file)),
    apt: "chromium",
    dnf: "chromium",
    brew: "--cask chromium",
  },
  {
    name: "DejaVu fonts",
    present: () => process.platform === "darwin" || DEJAVU_FILES.some((file) => fs.existsSync(file)),
    apt: "fonts-dejavu-core",
    dnf: "dejavu-sans-fonts",
    brew: null,
  },
  {
    // The export test reads the text of printed PDFs (every code line must be there, none cut).
    name: "pdftotext (poppler)",
    present: () =>
      ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"].some((file) => fs.existsSync(file)),
    apt: "poppler-utils",
    dnf: "poppler-utils",
    brew: "poppler",
  },
];

/** The system prerequisites that are missing here. */
export function missingSystemPrerequisites(env = process.env) {
  return SYSTEM_PREREQUISITES.filter((p) => !p.present(env));
}

/** The command that installs `missing` on Debian/Ubuntu, Fedora and macOS, one line each. */
export function installInstructions(missing) {
  const lines = [
    `  Debian/Ubuntu: sudo apt-get install ${missing.map((p) => p.apt).join(" ")}   (\`npm start\` runs this itself as root or with password-less sudo)`,
    `  Fedora:        sudo dnf install ${missing.map((p) => p.dnf).join(" ")}`,
  ];
  const brew = missing.filter((p) => p.brew !== null);
  if (brew.length) {
    lines.push(`  macOS:         brew install ${brew.map((p) => p.brew).join(" ")}`);
  }
  if (missing.some((p) => p.name === "Chromium")) {
    lines.push("  or point CHROMIUM at a Chromium or Chrome binary");
  }
  return lines.join("\n");
}

/**
 * The command that runs apt-get non-interactively from this process: directly as root, through
 * `sudo -n` when sudo needs no password; null when neither works (or there is no apt-get).
 */
export function aptCommand() {
  if (process.platform !== "linux" || !capture("apt-get", ["--version"]).ok) return null;
  const apt = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"];
  if (process.getuid?.() === 0) return apt;
  return capture("sudo", ["-n", "true"]).ok ? ["sudo", "-n", ...apt] : null;
}

/** `apt-get update`, then `apt-get install` of `packages`, with the command aptCommand() gave. */
export function aptInstall(apt, packages) {
  run(apt[0], [...apt.slice(1), "update"]);
  run(apt[0], [...apt.slice(1), "install", "-y", "--no-install-recommends", ...packages]);
}

/**
 * Install the missing system prerequisites with apt-get when this machine allows it; otherwise say
 * what is missing, which tests need it and how to install it. Returns how many were (would be) installed.
 */
export function ensureSystemPackages(tag, { dryRun = false, env = process.env } = {}) {
  const startedAt = Date.now();
  const missing = missingSystemPrerequisites(env);
  const names = missing.map((p) => p.name).join(" and ");
  if (missing.length === 0) {
    report(tag, "Chromium and fonts (for the tests)", "present", startedAt);
    return 0;
  }
  const apt = aptCommand();
  if (apt === null) {
    report(tag, "Chromium and fonts (for the tests)", `${names} missing, and apt-get cannot run here as root`, startedAt);
    console.log(
      `[${tag}] JupyterLab works without them, but \`npm test\` will stop until they are installed:\n${installInstructions(missing)}`,
    );
    return 0;
  }
  const packages = missing.map((p) => p.apt);
  if (dryRun) {
    report(tag, "Chromium and fonts (for the tests)", `would apt-get install ${packages.join(" ")}`, startedAt);
    return missing.length;
  }
  aptInstall(apt, packages);
  const still = missingSystemPrerequisites(env);
  if (still.length) {
    report(
      tag,
      "Chromium and fonts (for the tests)",
      `installed ${packages.join(" ")}, but ${still.map((p) => p.name).join(" and ")} still missing`,
      startedAt,
    );
    console.log(
      `[${tag}] \`npm test\` will stop until they are found (CHROMIUM=${env.CHROMIUM ?? ""} set to a missing file?):\n${installInstructions(still)}`,
    );
  } else {
    report(tag, "Chromium and fonts (for the tests)", `installed ${packages.join(" ")} (apt-get)`, startedAt);
  }
  return missing.length;
}

/** Test files that need Chromium: they launch it, or export notebooks to PDF with it. */
export function testsNeedingChromium(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        entry.name.endsWith(".test.ts") &&
        /launchBrowser|browser\/browser"|from "\.\/browser"|scripts[/"', ]+export\.mjs|"export\.mjs"/.test(
          fs.readFileSync(full, "utf8"),
        )
      ) {
        found.push(path.relative(root, full));
      }
    }
  };
  walk(path.join(root, "tests"));
  return found.sort();
}
