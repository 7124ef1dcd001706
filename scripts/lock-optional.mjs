#!/usr/bin/env node
// Adds package-lock entries for optional platform packages the npm registry mirror here does not
// serve (for example @rollup/rollup-android-arm-eabi: 404). npm cannot record them, and `npm ci`
// then refuses the lock ("Missing: ... from lock file"). The entries carry the version the parent
// asks for, `optional: true` and the platform from the name, so `npm ci` skips them on every other
// platform exactly as it would skip the real ones. Run after `npm install` changes dependencies.
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
const platform = (name) => {
  const m = name.match(/-(android|darwin|freebsd|linux|openbsd|netbsd|win32|openharmony|aix|sunos)-([a-z0-9]+)/);
  return m ? { os: [m[1]], cpu: [m[2]] } : {};
};
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    packages[`node_modules/${dep}`] = { version, optional: true, ...platform(dep) };
    added++;
  }
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`lock-optional: added ${added} optional platform entries`);
