/* Maps of the partner directory. Without JavaScript (or Leaflet) the maps stay hidden and the list is the
   whole page; if the tiles fail to load the markers remain and a notice points to the list. */
(function () {
  "use strict";
  if (!window.L) { return; }

  function tileLayer(element) {
    return L.tileLayer(element.dataset.tiles, {
      maxZoom: 18,
      attribution: '<a href="https://www.openstreetmap.org/copyright">' + element.dataset.attribution + "</a>"
    });
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span.innerHTML;
  }

  function popup(feature, openLabel) {
    var p = feature.properties;
    var title = p.type === "service" ? p.name + " — " + p.organisation : p.name;
    return '<a href="/katalog/' + encodeURIComponent(p.slug) + '/">' + escapeText(title) + "</a>";
  }

  function pointLayer(data, className, openLabel) {
    return L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7, className: className, weight: 2 });
      },
      onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature, openLabel)); }
    });
  }

  function initPanel(panel) {
    var status = panel.querySelector(".map-panel__status");
    panel.hidden = false;
    var map = L.map(panel.querySelector(".map"), { scrollWheelZoom: false }).setView([52.0, 19.2], 6);
    var tiles = tileLayer(panel).addTo(map);
    var warned = false;
    tiles.on("tileerror", function () {
      if (!warned) { warned = true; status.textContent = panel.dataset.tilesFailed; }
    });
    if (panel.dataset.center) {
      var c = panel.dataset.center.split(",").map(Number);
      L.circle(c, { radius: Number(panel.dataset.radius) * 1000, className: "map-radius", fill: false }).addTo(map);
    }
    var clusters = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
    clusters.addTo(map);
    var overlays = {};
    function load(url, className, label) {
      return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(function (data) {
          var layer = pointLayer(data, className);
          clusters.addLayers ? clusters.addLayers(layer.getLayers()) : layer.addTo(clusters);
          overlays[label] = layer;
          return data.features.length;
        });
    }
    Promise.all([
      load(panel.dataset.organisations, "marker-organisation", panel.dataset.labelOrganisations),
      load(panel.dataset.services, "marker-service", panel.dataset.labelServices)
    ]).then(function (counts) {
      if (!warned) { status.textContent = panel.dataset.labelOrganisations + ": " + counts[0] + " · " + panel.dataset.labelServices + ": " + counts[1]; }
      var bounds = clusters.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 12, padding: [20, 20] }); }
    }).catch(function () {
      status.textContent = panel.dataset.tilesFailed;
    });
  }

  function initPoint(element) {
    element.hidden = false;
    var point = element.dataset.point.split(",").map(Number);
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: true }).setView(point, 12);
    tileLayer(element).addTo(map);
    L.circleMarker(point, { radius: 8, className: "marker-organisation", weight: 2 }).addTo(map);
  }

  document.querySelectorAll("[data-map]").forEach(initPanel);
  document.querySelectorAll("[data-point]").forEach(initPoint);
})();
