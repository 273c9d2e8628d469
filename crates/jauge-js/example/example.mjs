// A minimal page embedding Jauge with its JavaScript API: check the grid, read the offers the user
// picks, evaluate them, show the ranking, export the results. Serve this folder with `jauge.js`,
// `jauge_bg.wasm` (from `cargo xtask build-js`) and a grid as `grid.json`.
import init, { checkGrid, evaluate, exportResults, readOffer } from "./jauge.js";

await init({ module_or_path: "./jauge_bg.wasm" });
const grid = await (await fetch("./grid.json")).text();
const check = checkGrid(grid);
document.getElementById("grille").textContent = check.valid
  ? `Grille « ${check.title.fr} » ${check.version}, empreinte ${check.fingerprint}`
  : `Grille refusée : ${check.problems.map((p) => p.message.fr).join(" ; ")}`;

const offers = [];
let report = null;

document.getElementById("offres").addEventListener("change", async (event) => {
  const errors = document.getElementById("erreurs");
  errors.replaceChildren();
  for (const file of event.target.files) {
    try {
      offers.push(readOffer(grid, file.name, new Uint8Array(await file.arrayBuffer())));
    } catch (error) {
      // A file that cannot be read: its message names it; the others are still read.
      const item = document.createElement("li");
      item.textContent = error.message;
      errors.append(item);
    }
  }
  report = evaluate(grid, offers);
  const rows = report.offers.map((o) => {
    const row = document.createElement("tr");
    for (const text of [o.rank ?? "—", o.supplier, o.status, o.total.toFixed(2).replace(".", ",")]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  document.querySelector("#classement tbody").replaceChildren(...rows);
  document.getElementById("classement").hidden = false;
  document.getElementById("export").hidden = false;
});

document.getElementById("export").addEventListener("click", () => {
  const bytes = exportResults(report, "xlsx");
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: "resultats.xlsx" });
  link.click();
  URL.revokeObjectURL(url);
});
