// The benchmark's filled response forms, made the same way in the browser (bench.mjs) and in
// Node (small.mjs): a grid of 40 criteria and its xlsx form filled by SheetJS as a supplier
// would. `makeForms(base, sample, responseForm, XLSX)` takes the default grid, a sample offer,
// the writers' responseForm and SheetJS; gives the grid's text and `filled(index, annexRows)`.
export function makeForms(base, sample, responseForm, XLSX) {
  // A grid of 40 criteria: the default grid and a family of 14 yes/no criteria.
  const extra = Array.from({ length: 14 }, (_, i) => {
    const id = `CPL-${String(i + 1).padStart(2, "0")}`;
    return {
      id,
      label: { fr: `Complément ${i + 1}`, en: `Complement ${i + 1}` },
      question: { fr: `Le complément ${i + 1} est-il fourni ?`, en: `Is complement ${i + 1} provided?` },
      answer: { type: "yes_no" },
      rule: { kind: "yes_no" },
      weight: 1,
    };
  });
  base.families.splice(base.families.length - 1, 0, { id: "complements", label: { fr: "Compléments", en: "Complements" }, criteria: extra });
  base.scale += extra.length;
  const grid = JSON.stringify(base);

  // Answers as a supplier types them, taken from a sample offer; "Oui"/"Non" for the complements.
  const typed = (v) => {
    if (v == null) return "";
    if (Array.isArray(v)) return v.join(", ");
    if (typeof v === "object" && "amount" in v) return `${v.amount} € ${v.basis ?? ""}`.trim();
    if (typeof v === "object" && "value" in v) return `${v.value} ${v.unit ?? ""}`.trim();
    return v;
  };

  /** A filled form: the empty xlsx form from Jauge, answers typed in column I by SheetJS. */
  function filled(index, annexRows = 0) {
    const book = XLSX.read(responseForm(grid, "xlsx"), { type: "array" });
    const sheet = book.Sheets["Réponse"];
    const rows = XLSX.utils.sheet_to_json(sheet, { header: 1 });
    const answerCol = rows[0].indexOf("Réponse");
    const cover = book.Sheets.Candidat;
    const coverRows = XLSX.utils.sheet_to_json(cover, { header: 1 });
    coverRows.forEach((row, r) => {
      if (row[0] === "Nom du candidat") XLSX.utils.sheet_add_aoa(cover, [[`Candidat ${index}`]], { origin: { r, c: 1 } });
    });
    rows.forEach((row, r) => {
      if (r === 0) return;
      const id = row[0];
      const value = id?.startsWith("CPL-") ? (index + r) % 3 ? "Oui" : "Non" : typed(sample.answers[id]);
      XLSX.utils.sheet_add_aoa(sheet, [[value]], { origin: { r, c: answerCol } });
    });
    if (annexRows) {
      const annex = Array.from({ length: annexRows }, (_, r) => [r, `Ligne d'annexe numéro ${r}`, r * 1.5, `Référence ${r % 97}`, "Texte de remplissage pour le volume"]);
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(annex), "Annexe");
    }
    return new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx" }));
  }
  return { grid, filled };
}
