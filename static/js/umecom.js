/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so keyboard and screen-reader
  // users hear what went wrong first (its links then lead to each field).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // The header's unread counter, kept current over a websocket (umecom/notifications/
  // consumers.py). The server sends the count on every connect, so after a dropped socket
  // (server restart, Redis outage: close code 4013) reconnecting is all it takes to be right
  // again. While disconnected the page says so in a polite status region and retries with
  // back-off; the link itself always works without any of this.
  var SIGNED_OUT = [4401, 4403];

  function liveNotifications() {
    var link = document.querySelector("[data-live-notifications]");
    var status = document.querySelector("[data-live-status]");
    if (!link || !("WebSocket" in window)) {
      return;
    }
    var delay = 1000;
    var socket = null;
    var leaving = false;
    // Only a connection that was live and dropped is news; a server or proxy without
    // websockets leaves the page as it is (the counter still updates on every page load).
    var wasLive = false;

    function say(text) {
      if (status && status.textContent !== text) {
        status.textContent = text;
      }
    }

    function showCount(count) {
      var badge = link.querySelector(".count-badge");
      if (!count) {
        if (badge) {
          badge.remove();
        }
        return;
      }
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "count-badge";
        link.appendChild(document.createTextNode(" "));
        link.appendChild(badge);
      }
      badge.textContent = String(count);
      var label = document.createElement("span");
      label.className = "visually-hidden";
      label.textContent = " " + link.getAttribute("data-text-unread");
      badge.appendChild(label);
    }

    function connect() {
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      socket = new WebSocket(
        scheme + window.location.host + link.getAttribute("data-live-notifications")
      );
      socket.addEventListener("open", function () {
        wasLive = true;
      });
      socket.addEventListener("message", function (event) {
        var message;
        try {
          message = JSON.parse(event.data);
        } catch (error) {
          return;
        }
        if (message.type === "unread") {
          delay = 1000;
          say("");
          showCount(message.count);
        }
      });
      socket.addEventListener("close", function (event) {
        if (leaving || SIGNED_OUT.indexOf(event.code) !== -1) {
          return;
        }
        if (wasLive) {
          say(link.getAttribute("data-text-reconnecting"));
        }
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 60000);
      });
    }

    window.addEventListener("pagehide", function () {
      leaving = true;
      if (socket) {
        socket.close();
      }
    });
    connect();
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    liveNotifications();
  });
})();
