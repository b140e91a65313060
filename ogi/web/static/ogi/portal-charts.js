/* Year-over-year charts of the public portal: each .chart[data-src] fetches its series from the JSON
   API (same origin; the CSP allows no inline script) and draws it with ECharts (static/vendor/echarts,
   Apache-2.0). Tooltips are drawn on the canvas (renderMode "richText"): no inline styles. */
(function () {
  "use strict";
  function draw(el, data) {
    if (!data.years.length) {
      el.textContent = "尚无已公开的报告。";
      el.classList.add("empty");
      return;
    }
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      xAxis: { type: "category", data: data.years.map(function (y) { return y + "年"; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { name: s.name, type: "line", data: s.values, connectNulls: false, symbolSize: 7 };
      })
    });
    el.setAttribute("data-drawn", "1");
    window.addEventListener("resize", function () { chart.resize(); });
    if (el.getAttribute("data-rollup") === "1" && data.organs) {
      var note = document.getElementById(el.id + "-note");
      if (note) {
        note.textContent = data.years.map(function (y, i) {
          return y + "年计入 " + data.organs[i] + " / " + data.expected + " 个机关";
        }).join("；");
      }
    }
  }
  function load(el) {
    fetch(el.getAttribute("data-src"), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { draw(el, data); })
      .catch(function () { el.textContent = "图表数据暂时无法读取。"; });
  }
  document.querySelectorAll(".chart[data-src]").forEach(load);
})();
