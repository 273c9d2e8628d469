// Jauge's first screen, before the interface's module is fetched (issue 17: the first load).
//
// The page arrives with its first screen as static HTML (#accueil: web/accueil.html, the app's own
// first screen as the browser tests save it, and check it is still). The first action on it (a
// button, a file chosen or dropped, a grid chosen, a fold opened) fetches the interface's module
// (globalThis.jaugeWorkspace(), defined by the boot code), puts the element the app renders into
// in that screen's place and does each action again on the app's own control: the same control,
// found at the same place among the screen's controls, since both screens are the same HTML. They
// are done one after the other, each once what the one before started is done (a grid read before
// the offers are); an action that reaches the static screen once the app has taken its place (it
// began before) is done again too, on the control with its id. What was typed in a field is carried over; files chosen are handed over, never read here. The module
// is fetched as soon as a control is pointed at or focused, so that it is usually there by the
// click. An analysis kept in this browser (or kept catalogues, or #exemple) fetches it at once,
// the static screen hidden meanwhile: it would show an empty analysis. Its words are French, as the
// app's first screen is: a buyer who chose English has that choice kept, so the interface comes at once.
// In a block of its own: the boot code and the glue it is appended to declare names of their own.
{
  const home = document.getElementById("accueil");
  const status = document.getElementById("chargement");
  const CONTROLS = "button, input, select, summary, textarea";
  const actions = [];
  let swapped = null;

  const controls = (root) => [...root.querySelectorAll(CONTROLS)];
  const place = (control) => controls(home).indexOf(control);

  // The app's module, fetched and started (its element rendered, not yet shown).
  const fetched = () => globalThis.jaugeWorkspace().then((root) => root.firstElementChild ? root : new Promise((resolve) => {
    const seen = new MutationObserver(() => { seen.disconnect(); resolve(root); });
    seen.observe(root, { childList: true });
  }));

  function say(words, failure) {
    status.replaceChildren();
    if (!words) return;
    const line = document.createElement("p");
    line.className = failure ? "erreur" : "aide";
    if (failure) line.setAttribute("role", "alert");
    line.textContent = words;
    status.append(line);
    if (failure) {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.textContent = "Réessayer";
      retry.addEventListener("click", () => start());
      line.append(" ", retry);
    }
  }

  // Until what the last action started (a file read, a grid checked, a screen changed) is done: the
  // app's screen changed, then stayed the same for 200 ms; or did not change within a second (an
  // action that changes nothing on the screen); at most five seconds.
  const settled = (root) => new Promise((resolve) => {
    const done = () => { seen.disconnect(); clearTimeout(quiet); clearTimeout(limit); resolve(); };
    let quiet = setTimeout(done, 1000);
    const seen = new MutationObserver(() => { clearTimeout(quiet); quiet = setTimeout(done, 200); });
    seen.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    const limit = setTimeout(done, 5000);
  });

  // The app once shown, and the actions being done again on it, one after the other.
  let app = null;
  let redoing = Promise.resolve();

  // Does an action again on the app's control: the one given, if still there, else the one with
  // the static control's id, else the one at its place.
  function redo({ at, id, control: found, kind, files, value }) {
    const control = found?.isConnected ? found : (id && document.getElementById(id)) || controls(app)[at];
    if (!control) return;
    if (kind === "files") {
      control.files = files;
      control.dispatchEvent(new Event("change", { bubbles: true }));
    } else if (kind === "value") {
      control.value = value;
      control.dispatchEvent(new Event("change", { bubbles: true }));
    } else {
      control.click();
    }
    control.focus();
  }

  // Shows the app in the static screen's place and does again what was done on it.
  function swap(root) {
    const before = controls(home);
    const after = controls(root);
    // Each action's control is found before any is done again (the two screens are the same HTML
    // now; doing one may change the app's screen).
    const todo = actions.splice(0).map((action) => ({ ...action, control: after[action.at] }));
    home.replaceWith(root);
    app = root;
    say("");
    before.forEach((control, i) => {
      const typed = (control.type !== "file" && control.tagName !== "SELECT" && control.value) || "";
      if (typed && after[i] && after[i].value !== typed) {
        after[i].value = typed;
        after[i].dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    after[before.indexOf(document.activeElement)]?.focus();
    for (const action of todo) later(action);
    // The interface's module may have been fetched before the service worker controlled the page:
    // it keeps the site's files fetched so far, for offline use.
    navigator.serviceWorker?.ready.then((r) => r.active?.postMessage({
      keep: performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.startsWith(`${location.origin}/`)),
    })).catch(() => {});
  }

  // An action done again once those before it are done.
  let redone = 0;
  function later(action) {
    const wait = redone++ > 0;
    redoing = redoing.then(async () => {
      if (wait) await settled(app);
      redo(action);
    });
  }

  function start() {
    swapped ??= fetched().then(swap, (e) => {
      swapped = null;
      home.hidden = false;
      say(`Jauge n'a pas pu être chargé (${e?.message ?? e}) ; ce que vous avez fait sera repris au prochain essai.`, true);
    });
  }

  function act(control, what) {
    const action = { at: place(control), id: control?.id, ...what };
    if (action.at < 0) return;
    // An action on the static screen that arrives once the app has taken its place (it began
    // before): done again on the app, after those before it.
    if (app) return later(action);
    actions.push(action);
    say("Chargement de Jauge…");
    start();
  }

  // The module is fetched as soon as a control is pointed at or reached by the keyboard.
  const prefetch = (e) => { if (e.target.closest?.(CONTROLS)) globalThis.jaugeWorkspace().catch(() => {}); };
  home.addEventListener("pointerover", prefetch, { passive: true });
  home.addEventListener("focusin", prefetch);

  home.addEventListener("click", (e) => {
    const control = e.target.closest("button, summary, input[type=checkbox], input[type=radio]");
    if (!control) return;
    e.preventDefault();
    act(control, { kind: "click" });
  }, true);
  home.addEventListener("change", (e) => {
    const control = e.target;
    if (control.type === "file") act(control, { kind: "files", files: control.files });
    else if (control.tagName === "SELECT") act(control, { kind: "value", value: control.value });
  }, true);
  home.addEventListener("submit", (e) => {
    e.preventDefault();
    act(e.submitter ?? e.target.querySelector("[type=submit]"), { kind: "click" });
  }, true);
  for (const zone of home.querySelectorAll(".depot")) {
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("survol"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("survol"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("survol");
      act(zone.querySelector("input[type=file]"), { kind: "files", files: e.dataTransfer.files });
    });
  }

  const kept = (key) => { try { return localStorage.getItem(key); } catch { return null; } };
  const catalogues = kept("jauge-catalogues-v1");
  if (kept("jauge-analyse-v1") !== null || (catalogues && catalogues !== "[]") || location.hash === "#exemple") {
    home.hidden = true;
    say("Chargement de votre analyse…");
    start();
  }
}
