// Event map: located events from the API drawn over the Natural Earth
// countries of the world-atlas package (both served by the binary). Falls
// back to a plain graticule when the vendored files are missing.
"use strict";

(async function () {
  const svg = document.getElementById("map");
  const status = document.getElementById("map-status");
  const NS = "http://www.w3.org/2000/svg";
  const W = 960, H = 500;
  const el = (name, attrs) => {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  };
  let events;
  try {
    const res = await fetch(svg.dataset.src, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    events = (await res.json()).features || [];
  } catch (e) {
    status.textContent = `Could not load the events: ${e.message}`;
    return;
  }
  const points = { type: "MultiPoint", coordinates: events.map((f) => f.geometry.coordinates) };
  let project, pathOf = null;
  const haveD3 = typeof d3 !== "undefined" && d3.geoNaturalEarth1 && typeof topojson !== "undefined";
  if (haveD3) {
    const projection = d3.geoNaturalEarth1();
    if (events.length) {
      projection.fitExtent([[60, 40], [W - 60, H - 40]], points);
      // Do not zoom in further than a region: a single city fills nothing.
      if (projection.scale() > 2400) projection.scale(2400);
    } else {
      projection.fitSize([W, H], { type: "Sphere" });
    }
    project = (lonlat) => projection(lonlat);
    pathOf = d3.geoPath(projection);
    try {
      const world = await (await fetch("/assets/vendor/countries-50m.json")).json();
      const land = topojson.feature(world, world.objects.countries);
      svg.appendChild(el("path", { d: pathOf(d3.geoGraticule10()), class: "graticule" }));
      svg.appendChild(el("path", { d: pathOf(land), class: "land" }));
    } catch (e) {
      svg.appendChild(el("path", { d: pathOf(d3.geoGraticule10()), class: "graticule" }));
    }
  } else {
    project = ([lon, lat]) => [(lon + 180) / 360 * W, (90 - lat) / 180 * H];
    for (let lon = -180; lon <= 180; lon += 30) {
      const [x] = project([lon, 0]);
      svg.appendChild(el("line", { x1: x, x2: x, y1: 0, y2: H, class: "graticule" }));
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      const [, y] = project([0, lat]);
      svg.appendChild(el("line", { x1: 0, x2: W, y1: y, y2: y, class: "graticule" }));
    }
  }
  // Biggest first, so that small markers stay clickable on top.
  const casualties = (p) => (p.killed || 0) + (p.injured || 0);
  events.sort((a, b) => casualties(b.properties) - casualties(a.properties));
  for (const f of events) {
    const p = f.properties;
    const xy = project(f.geometry.coordinates);
    if (!xy || !isFinite(xy[0]) || !isFinite(xy[1])) continue;
    const r = 5 + 3 * Math.sqrt(casualties(p));
    const label = `${p.place}: ${p.type}${p.subtype ? " (" + p.subtype + ")" : ""}` +
      (p.killed ? `, ${p.killed} killed` : "") + (p.injured ? `, ${p.injured} injured` : "") +
      (p.date ? `, ${p.date}` : "");
    const link = el("a", { href: `/stories/${encodeURIComponent(p.story)}`, "aria-label": label });
    const circle = el("circle", { cx: xy[0], cy: xy[1], r, class: "marker" });
    circle.dataset.place = p.place || "";
    const title = el("title");
    title.textContent = label;
    circle.appendChild(title);
    link.appendChild(circle);
    svg.appendChild(link);
  }
  status.textContent = `${events.length} located event(s).`;
})();
