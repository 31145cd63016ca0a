// Builds the pages' styles and scripts into ../wwwroot/frontend (run by the project's build; never committed).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = path.dirname(fileURLToPath(import.meta.url));
const govuk = path.join(here, "node_modules/govuk-frontend/dist/govuk");
const out = path.join(here, "../wwwroot/frontend");

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const css = sass.compile(path.join(here, "styles/pages.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(here)],
  quietDeps: true,
});
fs.writeFileSync(path.join(out, "pages.css"), css.css);
fs.copyFileSync(path.join(govuk, "govuk-frontend.min.js"), path.join(out, "govuk-frontend.min.js"));
fs.cpSync(path.join(govuk, "assets/images"), path.join(out, "images"), { recursive: true });
fs.copyFileSync(path.join(here, "scripts/pages.js"), path.join(out, "pages.js"));
console.log(`frontend: ${fs.readdirSync(out).join(", ")}`);
