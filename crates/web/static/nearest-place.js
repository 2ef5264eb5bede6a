// Progressive enhancement for the activity form: a button that picks the listed place
// nearest to the phone's position. Without JavaScript or permission the list still works.
(function () {
  var button = document.getElementById('nearest');
  if (!button || !('geolocation' in navigator)) return;
  button.parentElement.hidden = false;
  button.addEventListener('click', function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      var best = null, bestDistance = Infinity;
      document.querySelectorAll('input[name=place][data-lat]').forEach(function (input) {
        var dLat = parseFloat(input.dataset.lat) - pos.coords.latitude;
        var dLon = (parseFloat(input.dataset.lon) - pos.coords.longitude) * Math.cos(pos.coords.latitude * Math.PI / 180);
        var d = dLat * dLat + dLon * dLon;
        if (d < bestDistance) { bestDistance = d; best = input; }
      });
      if (best) { best.checked = true; best.focus(); }
    });
  });
})();
