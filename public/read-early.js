// Reads a workspace's stored changes while the app's code is still loading (docs/performance.md,
// "The stored changes read early"). The address names the workspace (#/w/<id>/…); this script
// opens its IndexedDB database, never creating one (an upgrade is refused), and reads every stored
// update as y-indexeddb would, with the key of the newest. src/sync/early-read.ts hands the result
// to the app, which applies it instead of reading it again; any failure here only means the app
// reads the changes itself. A classic script, so it runs while the page is still being parsed,
// before the module scripts that hold the app.
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
    // No such database: give up rather than create an empty one.
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
