// Record a text with the phone's microphone, where the browser can: the
// recording is put into the form's file field and sent with it, so the
// server checks it as any uploaded file. Without JavaScript (or without a
// microphone) the file field alone does the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-recorder]");
  var input = document.querySelector("input[type=file][name=recording]");
  if (!box || !input || !window.MediaRecorder || !navigator.mediaDevices ||
      !window.DataTransfer) {
    return;
  }
  // Formats the server accepts, the first the browser can make.
  var formats = [
    ["audio/mp4", "m4a"],
    ["audio/ogg;codecs=opus", "ogg"],
    ["audio/ogg", "ogg"]
  ];
  var format = formats.filter(function (item) {
    return MediaRecorder.isTypeSupported(item[0]);
  })[0];
  if (!format) {
    return;
  }
  var start = box.querySelector("[data-start]");
  var stop = box.querySelector("[data-stop]");
  var state = box.querySelector("[data-state]");
  function say(name) {
    state.textContent = box.querySelector("[data-recording-" + name + "]").content.textContent;
  }
  var recorder = null;
  var chunks = [];
  box.hidden = false;
  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      chunks = [];
      recorder = new MediaRecorder(stream, { mimeType: format[0] });
      recorder.addEventListener("dataavailable", function (event) {
        chunks.push(event.data);
      });
      recorder.addEventListener("stop", function () {
        stream.getTracks().forEach(function (track) { track.stop(); });
        var file = new File(chunks, "recording." + format[1], { type: format[0] });
        var transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        start.hidden = false;
        stop.hidden = true;
        say("label");
      });
      recorder.start();
      start.hidden = true;
      stop.hidden = false;
      stop.focus();
      say("now");
    }, function () {
      say("refused");
    });
  });
  stop.addEventListener("click", function () {
    if (recorder && recorder.state !== "inactive") {
      recorder.stop();
    }
  });
}());
