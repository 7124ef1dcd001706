#!/usr/bin/env node
// The dgen command: runs the compiled CLI from dist/ (built by `npm install` through `prepare`).
import { cli } from "../dist/compiler/cli/bin.js";

await cli(process.argv.slice(2));
