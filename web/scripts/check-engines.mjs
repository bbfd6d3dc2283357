// Fails when a package of the lockfile does not run on the oldest Node this app supports.
//
// The README asks for Node 20.19 or newer, and web/package.json says so in `engines.node`. A
// dependency whose own `engines.node` leaves that version out makes `npm ci` print EBADENGINE
// warnings (and may fail at run time): a minor release of a transitive package can drop a
// Node version, so this check runs in `make web-test`. It reads package.json, the README and
// package-lock.json (each entry carries its package's `engines`): no network, no node_modules.
//
// graphql-codegen's loaders (@graphql-tools/*) took @whatwg-node/* and sync-fetch releases
// that want Node 22 in patch releases from 2026-09-18 on; the lockfile holds the ones from
// before (`npm install --before=2026-09-15`), which keep every declared range.
import { readFileSync } from "node:fs";
import semver from "semver";

const here = new URL("..", import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(name, here), "utf8"));

const supported = read("package.json").engines?.node;
if (!supported) {
  console.error("web/package.json names no engines.node: the Node version the README asks for");
  process.exit(1);
}
const oldest = semver.minVersion(supported);
// The README is what a newcomer reads: it must name the same oldest Node.
const named = readFileSync(new URL("../README.md", here), "utf8").match(/Node (\d+\.\d+) or\s+newer/);
if (named?.[1] !== `${oldest.major}.${oldest.minor}`) {
  console.error(`README.md names Node ${named?.[1]}, web/package.json's engines.node ${supported}`);
  process.exit(1);
}

// One line per package and version, however many copies of it node_modules holds.
const refused = new Set(
  Object.entries(read("package-lock.json").packages)
    .filter(([path, entry]) => path !== "" && entry.engines?.node)
    .filter(([, entry]) => !semver.satisfies(oldest, entry.engines.node))
    .map(([path, entry]) => `  ${path.replace(/^.*node_modules\//, "")}@${entry.version} wants node ${entry.engines.node}`),
);

if (refused.size > 0) {
  console.error(`${refused.size} packages of package-lock.json do not run on Node ${oldest}:`);
  console.error([...refused].sort().join("\n"));
  process.exit(1);
}
console.log(`every package of package-lock.json runs on Node ${oldest}`);
