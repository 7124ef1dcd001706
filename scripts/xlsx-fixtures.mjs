#!/usr/bin/env node
// Writes the XLSX fixtures of the diagnostics goldens (test/cases/data/*.xlsx), which are binary and
// so are described here: run `node scripts/xlsx-fixtures.mjs` after changing them.
import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";

const dir = new URL("../test/cases/data/", import.meta.url);

const wb = new ExcelJS.Workbook();
const cities = wb.addWorksheet("Cities");
cities.addRow(["city", "state", "population", "bad_weight", "pending"]);
cities.addRow(["Oslo", "Oslo", 709037, 1, { formula: "C2*2", result: 1418074 }]);
cities.addRow(["Bergen", "Vestland", 291940, -3, { formula: "C3*2" }]); // no cached result
cities.addRow(["Trondheim", "Trøndelag", 214565, 2, { formula: "C4*2", result: 429130 }]);
const notes = wb.addWorksheet("Notes");
notes.addRow(["memo"]);
notes.addRow(["Populations of 2024"]);
await wb.xlsx.writeFile(new URL("places.xlsx", dir));

writeFileSync(new URL("not-a-workbook.xlsx", dir), "city,population\nOslo,709037\n");
console.log("xlsx-fixtures: wrote test/cases/data/places.xlsx and not-a-workbook.xlsx");
