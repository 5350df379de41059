// nq57parse report: sortable and filterable appendix tables, citations that show their reference.
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var order = collator.compare(cellText(a, index), cellText(b, index));
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function filterRows(table, query, counter) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    if (counter) { counter.textContent = shown + " of " + table.tBodies[0].rows.length + " rows"; }
  }

  document.querySelectorAll("table.data").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.setAttribute("title", "Sort by this column");
      th.addEventListener("click", function () { sortBy(table, index, th); });
    });
    var tools = table.closest(".appendix").querySelector(".table-tools");
    if (!tools) { return; }
    var input = tools.querySelector("input");
    var counter = tools.querySelector(".count");
    input.addEventListener("input", function () { filterRows(table, input.value, counter); });
  });

  function show(id) {
    document.querySelectorAll("ol.refs li.shown").forEach(function (li) { li.classList.remove("shown"); });
    var entry = document.getElementById(id);
    if (entry) { entry.classList.add("shown"); }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cite");
    if (link) { show(link.getAttribute("href").slice(1)); }
  });
  if (location.hash) { show(location.hash.slice(1)); }
})();
