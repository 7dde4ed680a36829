// corroborate web UI: lights up the evidence of a value in every column,
// and adds article blocks to the analyse form. No framework, no network.
"use strict";

function lightUp(target, origin) {
  document.querySelectorAll(".v.active").forEach((el) => el.classList.remove("active"));
  document.querySelectorAll("[aria-pressed=true]").forEach((el) => el.setAttribute("aria-pressed", "false"));
  const hits = Array.from(document.querySelectorAll("[data-fact]"))
    .filter((el) => el.dataset.fact.split(" ").includes(target));
  hits.forEach((el) => el.classList.add("active"));
  if (origin && origin.hasAttribute("aria-pressed")) origin.setAttribute("aria-pressed", "true");
  const inColumns = hits.filter((el) => el.closest(".grid"));
  const columns = new Set(inColumns.map((el) => el.closest(".cell") && el.closest(".cell").dataset.article));
  const status = document.querySelector(".side .status");
  if (status) {
    status.textContent = inColumns.length
      ? `Evidence: ${inColumns.length} passage(s) in ${columns.size} article(s).`
      : "No passage in the columns states this value.";
  }
  const first = inColumns.find((el) => el !== origin);
  if (first && !(origin && origin.closest(".grid"))) {
    first.scrollIntoView({ block: "center", inline: "nearest" });
  }
}

document.addEventListener("click", (event) => {
  const el = event.target.closest("[data-fact]");
  if (!el) return;
  lightUp(el.dataset.fact.split(" ")[0], el);
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" && event.key !== " ") return;
  const el = event.target.closest && event.target.closest("mark[data-fact]");
  if (!el) return;
  event.preventDefault();
  lightUp(el.dataset.fact.split(" ")[0], el);
});

document.addEventListener("DOMContentLoaded", () => {
  const add = document.getElementById("add-article");
  if (!add) return;
  add.addEventListener("click", () => {
    const sets = document.querySelectorAll("#analyse fieldset.pasted");
    const last = sets[sets.length - 1];
    const copy = last.cloneNode(true);
    const n = sets.length;
    copy.querySelector("legend").textContent = `Article ${n + 1}`;
    copy.querySelectorAll("input, textarea").forEach((input) => {
      input.name = input.name.replace(/\d+$/, String(n));
      input.value = "";
    });
    last.after(copy);
  });
});

// The story list marks stories new or changed since this browser's last
// visit: the server gives each row its first and latest storage times and
// the table its own clock, so no clock of the reader's is involved.
document.addEventListener("DOMContentLoaded", () => {
  const table = document.querySelector("table.stories[data-now]");
  if (!table) return;
  const key = "corroborate.lastVisit";
  let last = null;
  try { last = Number(window.localStorage.getItem(key)) || null; } catch (e) { last = null; }
  if (last !== null) {
    table.querySelectorAll("tr[data-story]").forEach((row) => {
      const first = Number(row.dataset.firstSeen);
      const changed = Number(row.dataset.changed);
      let mark = null;
      if (first > last) mark = ["new", "New since your last visit"];
      else if (changed > last) mark = ["changed", "Changed since your last visit"];
      if (!mark) return;
      row.classList.add(mark[0]);
      const badge = document.createElement("span");
      badge.className = "badge " + mark[0];
      badge.title = mark[1];
      badge.textContent = mark[0];
      const cell = row.querySelector("td");
      if (cell) cell.prepend(badge, " ");
    });
  }
  try { window.localStorage.setItem(key, table.dataset.now); } catch (e) { /* private mode */ }
});
