// crosskit report.html: optional sorting and filtering of the matrix. The page says everything without it.
(function () {
  'use strict';
  var table = document.getElementById('matrix-table');
  if (!table || !table.tBodies.length) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var bad = rows.filter(function (r) {
    var v = r.getAttribute('data-verdict');
    return v === 'failed' || v === 'interrupted';
  });

  if (bad.length > 0 && bad.length < rows.length) {
    var label = document.createElement('label');
    label.className = 'filter';
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.addEventListener('change', function () {
      rows.forEach(function (r) {
        r.hidden = box.checked && bad.indexOf(r) < 0;
      });
      document.querySelectorAll('article.target').forEach(function (a) {
        var v = a.getAttribute('data-verdict');
        a.hidden = box.checked && v !== 'failed' && v !== 'interrupted';
      });
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode('Show only the failed and interrupted targets'));
    var region = table.parentNode;
    region.parentNode.insertBefore(label, region);
  }

  function key(row, i) {
    var cell = row.cells[i];
    var sort = cell.getAttribute('data-sort');
    return sort !== null ? parseFloat(sort) : cell.textContent.trim().toLowerCase();
  }

  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) {
        h.removeAttribute('aria-sort');
      });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.slice().sort(function (a, b) {
        var x = key(a, i);
        var y = key(b, i);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? c : -c;
      }).forEach(function (r) {
        body.appendChild(r);
      });
    });
  });
})();
