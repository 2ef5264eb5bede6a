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

  map.on('click', function (e) { mark(e.latlng, true); });
  // Keyboard users pan with the arrow keys, then mark the centre.
  centre.hidden = false;
  centre.addEventListener('click', function () { mark(map.getCenter(), true); });
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
