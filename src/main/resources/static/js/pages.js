/*
 * Small enhancements of every page, as a file (no inline script, so a self-only CSP allows it):
 * an image with data-fallback whose URL does not load (a team's broken logo URL) shows the
 * fallback instead of a broken-image glyph.
 */
(function () {
  'use strict';

  function fallBack(img) {
    var fallback = img.getAttribute('data-fallback');
    if (fallback && img.getAttribute('src') !== fallback) {
      img.setAttribute('src', fallback);
    }
  }

  document.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target.tagName === 'IMG' && target.hasAttribute('data-fallback')) {
      fallBack(target);
    }
  }, true);

  document.querySelectorAll('img[data-fallback]').forEach(function (img) {
    if (img.complete && img.naturalWidth === 0) {
      fallBack(img);
    }
  });
}());
