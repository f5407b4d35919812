/* Progressive charts: every <table data-chart="bar|line"> is the data; a chart is drawn above it with
   Apache ECharts (static/vendor/echarts, Apache-2.0). First column = category label, the column named
   by data-value-col (default 1) = the value. Without JavaScript the table alone remains. */
(function () {
  if (!window.echarts) { return; }
  document.querySelectorAll("table[data-chart]").forEach(function (table) {
    var col = parseInt(table.getAttribute("data-value-col") || "1", 10);
    var labels = [], values = [];
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var cells = tr.querySelectorAll("th, td");
      if (cells.length <= col) { return; }
      labels.push(cells[0].textContent.trim());
      var v = parseFloat(cells[col].textContent.replace(/[^0-9.\-]/g, ""));
      values.push(isNaN(v) ? null : v);
    });
    var box = document.createElement("div");
    box.className = "chart";
    box.setAttribute("aria-hidden", "true"); /* the table is the accessible version */
    table.parentNode.insertBefore(box, table);
    var chart = echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      title: { text: table.getAttribute("data-title") || "", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, bottom: 80 },
      xAxis: { type: "category", data: labels, axisLabel: { rotate: labels.length > 6 ? 40 : 0 } },
      yAxis: { type: "value" },
      series: [{ type: table.getAttribute("data-chart") === "line" ? "line" : "bar", data: values }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
