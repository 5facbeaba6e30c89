/* Check-in: scan a ticket's QR code with the camera where the browser can
   (BarcodeDetector); typing the code always works without it. */
(function () {
  "use strict";
  var form = document.querySelector("[data-check-in]");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  var button = form.querySelector("[data-scan]");
  var video = form.querySelector("[data-scan-video]");
  var input = form.querySelector("input[name=code]");
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(function () {
          function look() {
            detector.detect(video).then(function (codes) {
              if (codes.length) {
                stream.getTracks().forEach(function (track) { track.stop(); });
                input.value = codes[0].rawValue;
                form.submit();
              } else {
                window.requestAnimationFrame(look);
              }
            }).catch(function () { window.requestAnimationFrame(look); });
          }
          look();
        });
      })
      .catch(function () { button.hidden = true; input.focus(); });
  });
})();
