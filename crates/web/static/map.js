// Maps, drawn with Leaflet (served by this program). Everything here is an extra: the
// list beside a map shows the same things, and the input form works with its lists alone.
//
// The page describes its map in data- attributes on #karta (no inline script, so the
// content security policy forbids it). Text from residents and staff is only ever put
// into the page with textContent, never as HTML.
(function () {
  'use strict';
  var el = document.getElementById('karta');
  if (!el || !window.L) return;
  var d = el.dataset;
  var words = JSON.parse(d.words || '{}');
  var wrapper = document.getElementById('karta-del');
  if (wrapper) wrapper.hidden = false;

  var map = L.map(el, { scrollWheelZoom: false }).setView([+d.lat, +d.lon], 10);
  if (d.tiles) {
    L.tileLayer(d.tiles, {
      maxZoom: 18,
      attribution: text(d.attribution)
    }).addTo(map);
  }

  function text(s) {
    var span = document.createElement('span');
    span.textContent = s || '';
    return span.innerHTML;
  }

  function getJson(href) {
    return fetch(href, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(href + ': ' + r.status);
      return r.json();
    });
  }

  var fitted = false;
  if (d.boundary) {
    getJson(d.boundary).then(function (feature) {
      var layer = L.geoJSON(feature, {
        interactive: false,
        style: { color: '#1d4f91', weight: 2, fill: false, dashArray: '6 4' }
      }).addTo(map);
      if (!fitted) map.fitBounds(layer.getBounds());
    }).catch(function () {});
  }

  if (d.features) {
    getJson(d.features).then(function (collection) {
      var layer = L.geoJSON(collection, {
        filter: function (f) { return f.geometry; },
        pointToLayer: function (f, latlng) {
          var p = f.properties;
          return L.marker(latlng, {
            alt: (words[p.kind] || '') + ': ' + p.category + ', ' + (p.place || p.locality),
            title: p.category
          });
        },
        onEachFeature: function (f, marker) { marker.bindPopup(popup(f.properties)); }
      }).addTo(map);
      if (layer.getLayers().length) {
        fitted = true;
        map.fitBounds(layer.getBounds(), { maxZoom: 14, padding: [24, 24] });
      }
    }).catch(function () {});
  }

  function line(parent, tag, content, className) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) node.className = className;
    parent.appendChild(node);
    return node;
  }

  function popup(p) {
    var box = document.createElement('div');
    box.className = 'map-popup';
    line(box, 'strong', p.category);
    line(box, 'p', [p.place || p.locality, p.address, p.date].filter(Boolean).join(' · '), 'meta');
    line(box, 'p', p.text);
    if (p.status) line(box, 'p', p.status + (p.reason ? ': ' + p.reason : ''), 'status');
    if (p.photo) {
      var a = line(box, 'a', words.photo);
      a.href = p.photo;
    }
    return box;
  }

  if (d.pick === undefined) return;

  // Marking a place on the input form: fills the hidden latitude and longitude fields.
  var fields = d.fields || 'input';
  var latField = document.getElementById(fields + '_lat');
  var lonField = document.getElementById(fields + '_lon');
  var status = document.getElementById('karta-status');
  var remove = document.getElementById('karta-ta-bort');
  var centre = document.getElementById('karta-mitt');
  var locality = document.getElementById(fields + '_locality');
  var localities = JSON.parse(d.localities || '[]');
  var marker = null;

  function show() {
    var marked = latField.value !== '';
    status.textContent = marked ? words.picked : words.none;
    remove.hidden = !marked;
  }

  function mark(latlng, chooseLocality) {
    latField.value = latlng.lat.toFixed(6);
    lonField.value = latlng.lng.toFixed(6);
    if (marker) marker.setLatLng(latlng);
    else marker = L.marker(latlng, { alt: words.picked, keyboard: false }).addTo(map);
    show();
    if (chooseLocality && locality && localities.length) {
      var best = null, bestDistance = Infinity;
      localities.forEach(function (l) {
        var dLat = l.lat - latlng.lat;
        var dLon = (l.lon - latlng.lng) * Math.cos(latlng.lat * Math.PI / 180);
        var distance = dLat * dLat + dLon * dLon;
        if (distance < bestDistance) { bestDistance = distance; best = l; }
      });
      if (best && locality.value !== best.slug) {
        locality.value = best.slug;
        status.textContent = words.picked + ' ' + words.nearest;
      }
    }
  }

  // Drawing a road's line or an area's outline (the staff place form): each click adds
  // a point, and the shape is written into the form's GeoJSON field, which stays the
  // one source of the shape (typing or pasting there redraws it).
  var shapeField = d.draw ? document.getElementById(d.draw) : null;
  var mode = 'point';
  var vertices = [];
  var shapeKind = null; // 'line' or 'area' once something is drawn
  var drawn = null;
  var drawStatus = document.getElementById('rita-status');
  var modeButtons = {
    point: document.getElementById('rita-punkt'),
    line: document.getElementById('rita-linje'),
    area: document.getElementById('rita-omrade')
  };
  var undo = document.getElementById('rita-angra');
  var clear = document.getElementById('rita-rensa');

  function round(x) { return Math.round(x * 1e6) / 1e6; }

  function writeShape() {
    var coordinates = vertices.map(function (v) { return [round(v.lng), round(v.lat)]; });
    if (shapeKind === 'line' && coordinates.length >= 2) {
      shapeField.value = JSON.stringify({ type: 'LineString', coordinates: coordinates });
    } else if (shapeKind === 'area' && coordinates.length >= 3) {
      shapeField.value = JSON.stringify({ type: 'Polygon', coordinates: [coordinates.concat([coordinates[0]])] });
    } else {
      shapeField.value = '';
    }
  }

  function redraw() {
    if (drawn) { map.removeLayer(drawn); drawn = null; }
    var style = { color: '#b3261e', weight: 4 };
    if (shapeKind === 'area' && vertices.length >= 3) drawn = L.polygon(vertices, style);
    else if (vertices.length >= 2) drawn = L.polyline(vertices, style);
    else if (vertices.length === 1) drawn = L.circleMarker(vertices[0], { radius: 5, color: '#b3261e' });
    if (drawn) drawn.addTo(map);
    showDrawing();
  }

  function showDrawing() {
    Object.keys(modeButtons).forEach(function (m) {
      modeButtons[m].setAttribute('aria-pressed', String(m === mode));
    });
    undo.hidden = vertices.length === 0;
    clear.hidden = vertices.length === 0 && !drawn;
    centre.textContent = mode === 'point' ? words.centre : words.draw_centre;
    if (mode === 'point') drawStatus.textContent = '';
    else if (vertices.length === 0) drawStatus.textContent = drawn ? words.draw_other : words.draw_start;
    else drawStatus.textContent = words[shapeKind === 'area' ? 'draw_area' : 'draw_line'].replace('{n}', vertices.length);
  }

  function addVertex(latlng) {
    if (vertices.length === 0 && drawn) { map.removeLayer(drawn); drawn = null; }
    shapeKind = mode;
    vertices.push(latlng);
    writeShape();
    redraw();
  }

  // The shape in the field, if it is one line or one polygon, becomes the points to
  // go on from; anything else (several parts) is only shown.
  function readShape() {
    vertices = [];
    shapeKind = null;
    if (drawn) { map.removeLayer(drawn); drawn = null; }
    var geometry;
    try { geometry = JSON.parse(shapeField.value); } catch (e) { showDrawing(); return; }
    if (geometry && geometry.type === 'Feature') geometry = geometry.geometry;
    if (!geometry || !geometry.coordinates) { showDrawing(); return; }
    var c = geometry.coordinates;
    var toLatLng = function (p) { return L.latLng(p[1], p[0]); };
    if (geometry.type === 'LineString' || (geometry.type === 'MultiLineString' && c.length === 1)) {
      shapeKind = 'line';
      vertices = (geometry.type === 'LineString' ? c : c[0]).map(toLatLng);
    } else if (geometry.type === 'Polygon' || (geometry.type === 'MultiPolygon' && c.length === 1)) {
      shapeKind = 'area';
      vertices = (geometry.type === 'Polygon' ? c[0] : c[0][0]).slice(0, -1).map(toLatLng);
    } else {
      try {
        drawn = L.geoJSON(geometry, { style: { color: '#b3261e', weight: 4 } }).addTo(map);
      } catch (e) { drawn = null; }
    }
    if (vertices.length) redraw(); else showDrawing();
  }

  if (shapeField) {
    Object.keys(modeButtons).forEach(function (m) {
      modeButtons[m].addEventListener('click', function () {
        mode = m;
        // The same points as a line or as an area.
        if (m !== 'point' && vertices.length) { shapeKind = m; writeShape(); redraw(); } else showDrawing();
      });
    });
    undo.addEventListener('click', function () { vertices.pop(); writeShape(); redraw(); });
    clear.addEventListener('click', function () {
      vertices = [];
      if (drawn) { map.removeLayer(drawn); drawn = null; }
      writeShape();
      showDrawing();
    });
    // On input, not on change: a change fires as the field loses focus, and the map's
    // buttons appearing then would move the Save button away from a pending click.
    shapeField.addEventListener('input', readShape);
    readShape();
    if (drawn && drawn.getBounds && !fitted) {
      fitted = true;
      map.fitBounds(drawn.getBounds(), { maxZoom: 15, padding: [24, 24] });
    }
  } else {
    var drawBox = document.getElementById('karta-rita');
    if (drawBox) drawBox.hidden = true;
  }

  map.on('click', function (e) {
    if (mode === 'point') mark(e.latlng, true); else addVertex(e.latlng);
  });
  // Keyboard users pan with the arrow keys, then mark (or add) the centre.
  centre.hidden = false;
  centre.addEventListener('click', function () {
    if (mode === 'point') mark(map.getCenter(), true); else addVertex(map.getCenter());
  });
  remove.addEventListener('click', function () {
    latField.value = '';
    lonField.value = '';
    if (marker) { map.removeLayer(marker); marker = null; }
    show();
  });
  if (latField.value !== '' && lonField.value !== '') {
    var start = L.latLng(+latField.value, +lonField.value);
    mark(start, false);
    fitted = true;
    map.setView(start, 14);
  }
  show();
})();
