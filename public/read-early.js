// Reads the stored workspace named in the address while the app's code loads, for
// src/sync/early-read.ts (docs/document.md, "Stored in the browser"). Never creates a database.
(function () {
  var match = /^#\/w\/([A-Za-z0-9_-]+)(?:[/?]|$)/.exec(location.hash);
  if (!match || typeof indexedDB === 'undefined') return;
  var name = 'tavola-ws-' + match[1];
  var read = new Promise(function (resolve) {
    var request;
    try {
      request = indexedDB.open(name);
    } catch (error) {
      return resolve(null);
    }
    request.onupgradeneeded = function () {
      request.transaction.abort();
    };
    request.onerror = function () {
      resolve(null);
    };
    request.onsuccess = function () {
      var db = request.result;
      try {
        var transaction = db.transaction('updates', 'readonly');
        var store = transaction.objectStore('updates');
        var updates = store.getAll();
        var newest = store.openKeyCursor(null, 'prev');
        transaction.oncomplete = function () {
          db.close();
          var key = newest.result ? newest.result.primaryKey : null;
          resolve(typeof key === 'number' ? { updates: updates.result, lastKey: key } : null);
        };
        transaction.onerror = transaction.onabort = function () {
          db.close();
          resolve(null);
        };
      } catch (error) {
        db.close();
        resolve(null);
      }
    };
  });
  window.__tavolaEarlyRead = { name: name, read: read };
})();
