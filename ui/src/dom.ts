// A small element builder: the screens are few and plain, and building DOM
// nodes (never HTML strings) keeps user data from ever being parsed as markup.

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") {
      el.addEventListener(name.replace(/^on/, ""), value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/** Goes to a customer's page on the Register screen, found by their number. */
export type OpenCustomer = (id: number, number: string) => void;

/** A customer named in a list (`text`, by default their number), as a link that opens their page. */
export function customerLink(id: number, number: string, open: OpenCustomer, text: string = number): HTMLButtonElement {
  return h("button", { type: "button", class: "link plain", "data-customer": id, onclick: () => open(id, number) }, text);
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A table with a header row; cells are text. */
export function table(caption: string, headers: string[], rows: Array<Array<string | HTMLElement>>, cls = ""): HTMLTableElement {
  return h(
    "table",
    { class: `data ${cls}` },
    h("caption", { class: "sr-only" }, caption),
    h("thead", {}, h("tr", {}, ...headers.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}

/**
 * A field the core refused loses its mark and its message as soon as it is
 * changed: the message was about the value that is gone (it stayed beside
 * the corrected value until the next save). Once, for every form of the window.
 */
export function clearRefusalsOnEdit(root: Document): void {
  root.addEventListener("input", (e) => {
    const field = e.target;
    if (!(field instanceof HTMLElement) || field.getAttribute("aria-invalid") !== "true") return;
    field.removeAttribute("aria-invalid");
    for (const id of (field.getAttribute("aria-describedby") ?? "").split(/\s+/)) {
      const note = id ? root.getElementById(id) : null;
      if (note?.classList.contains("invalid-note")) note.textContent = "";
    }
  });
}
