// Callsheet's pages work without this file; it adds keyboard shortcuts (N: next call,
// 1-9: outcomes), the countdown to the end of the call's lease with a warning a minute
// before, a language choice that applies itself, and the agenda's live refresh from the
// API's events. Plain JavaScript, no framework, no other site.
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key.toLowerCase();
    var target = document.querySelector('[data-key="' + key + '"]');
    if (!target) return;
    event.preventDefault();
    if (target.tagName === "DETAILS") {
      target.open = true;
      var field = target.querySelector("input:not([type=hidden]), textarea");
      if (field) field.focus();
    } else {
      target.click();
    }
  });

  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  var lease = document.getElementById("lease");
  if (lease) {
    var until = parseInt(lease.getAttribute("data-lease-until"), 10);
    var left = document.getElementById("lease-left");
    var warning = document.getElementById("lease-warning");
    var tick = function () {
      var seconds = Math.max(0, Math.round((until - Date.now()) / 1000));
      left.textContent = Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2);
      if (seconds <= 60) {
        lease.classList.add("soon");
        warning.hidden = false;
      }
    };
    if (until > 0) {
      tick();
      setInterval(tick, 1000);
    }
  }

  var live = document.querySelector("[data-live]");
  if (live && window.EventSource) {
    var pending = null;
    var refresh = function () {
      fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live]");
          if (fresh) live.innerHTML = fresh.innerHTML;
        });
    };
    var source = new EventSource(live.getAttribute("data-live"));
    source.onmessage = function () {
      clearTimeout(pending);
      pending = setTimeout(refresh, 300);
    };
    ["assigned", "outcome", "wave"].forEach(function (name) {
      source.addEventListener(name, function () {
        clearTimeout(pending);
        pending = setTimeout(refresh, 300);
      });
    });
  }

  // Import by upload: the same form, sent with a progress bar; the answer replaces the page's main part.
  var wireUpload = function (upload) {
    if (!upload || !window.XMLHttpRequest || !window.FormData) return;
    upload.addEventListener("submit", function (event) {
      event.preventDefault();
      var bar = document.getElementById("upload-progress");
      var status = document.getElementById("upload-status");
      var button = document.getElementById("upload-start");
      var request = new XMLHttpRequest();
      bar.hidden = false;
      bar.value = 0;
      button.disabled = true;
      request.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable) return;
        var percent = Math.round(progress.loaded * 100 / progress.total);
        bar.value = percent;
        status.textContent = bar.getAttribute("data-uploading").replace("{percent}", percent);
      });
      request.upload.addEventListener("load", function () {
        bar.value = 100;
        status.textContent = bar.getAttribute("data-working");
      });
      request.addEventListener("load", function () {
        var fresh = new DOMParser().parseFromString(request.responseText, "text/html").querySelector("main");
        if (!fresh) return;
        document.querySelector("main").innerHTML = fresh.innerHTML;
        var shown = document.getElementById("upload-progress");
        if (shown) { shown.hidden = false; shown.value = 100; }
        wireUpload(document.getElementById("upload-form"));
      });
      request.addEventListener("error", function () {
        button.disabled = false;
        status.textContent = "";
        HTMLFormElement.prototype.submit.call(upload);
      });
      request.open("POST", upload.action);
      request.send(new FormData(upload));
    });
  };
  wireUpload(document.getElementById("upload-form"));
})();
