//! A small W3C WebDriver client for driving the real Candor window through tauri-driver.
//!
//! Only what the end-to-end tests use: find, click, type, read text, run a script, and a
//! screenshot of the display. Every wait is bounded and says what it waited for when it gives up.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// W3C's key for an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Session {
    base: String,
    id: String,
}

#[derive(Clone)]
pub struct Element {
    id: String,
}

fn call(method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let request = ureq::request(method, url).timeout(Duration::from_secs(120));
    let response = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let value: Value = match response {
        Ok(r) => r
            .into_json()
            .map_err(|e| format!("{method} {url}: bad JSON: {e}"))?,
        Err(ureq::Error::Status(code, r)) => {
            let text = r.into_string().unwrap_or_default();
            return Err(format!("{method} {url}: HTTP {code}: {text}"));
        }
        Err(e) => return Err(format!("{method} {url}: {e}")),
    };
    Ok(value["value"].clone())
}

impl Session {
    /// Starts the application at `app` through the driver at `driver_url`.
    ///
    /// tauri-driver listens before the WebKitWebDriver it starts behind it does: on a cold
    /// machine the first session request can find the connection closed. Such a transport
    /// failure is retried a few times; an answer from the driver is never retried.
    pub fn start(driver_url: &str, app: &Path) -> Result<Session, String> {
        let caps = json!({ "capabilities": { "alwaysMatch": { "tauri:options": { "application": app } } } });
        let url = format!("{driver_url}/session");
        let mut attempt = 1;
        let value = loop {
            match call("POST", &url, Some(caps.clone())) {
                Err(e) if attempt < 4 && e.contains("Network Error") => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_secs(3));
                }
                other => break other?,
            }
        };
        let id = value["sessionId"]
            .as_str()
            .ok_or("no session id")?
            .to_string();
        Ok(Session {
            base: format!("{driver_url}/session/{id}"),
            id,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The first element matching the CSS selector, waiting up to `timeout` for it.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        let start = Instant::now();
        loop {
            if let Ok(found) = self.find(css) {
                return found;
            }
            assert!(
                start.elapsed() < timeout,
                "waited {timeout:?} for {css} to appear"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn find(&self, css: &str) -> Result<Element, String> {
        let value = call(
            "POST",
            &self.url("/element"),
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        element(&value).ok_or_else(|| format!("no element for {css}"))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        call(
            "POST",
            &self.url("/elements"),
            Some(json!({ "using": "css selector", "value": css })),
        )
        .ok()
        .and_then(|v| v.as_array().map(|a| a.iter().filter_map(element).collect()))
        .unwrap_or_default()
    }

    /// By `data-testid`.
    pub fn by_id(&self, test_id: &str) -> Element {
        self.wait_for(
            &format!("[data-testid=\"{test_id}\"]"),
            Duration::from_secs(20),
        )
    }

    /// Clicks `el` once it is enabled: a click on a disabled button does nothing, and a
    /// screen busy with a moment's work (a preview being refreshed) disables its buttons.
    pub fn click(&self, el: &Element) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            let enabled = call(
                "GET",
                &self.url(&format!("/element/{}/enabled", el.id)),
                None,
            )
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
            if enabled {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        call(
            "POST",
            &self.url(&format!("/element/{}/click", el.id)),
            Some(json!({})),
        )
        .expect("click");
    }

    pub fn clear(&self, el: &Element) {
        call(
            "POST",
            &self.url(&format!("/element/{}/clear", el.id)),
            Some(json!({})),
        )
        .expect("clear");
    }

    pub fn type_text(&self, el: &Element, text: &str) {
        call(
            "POST",
            &self.url(&format!("/element/{}/value", el.id)),
            Some(json!({ "text": text })),
        )
        .expect("type");
    }

    /// Clears a field and types `text` into it.
    pub fn fill(&self, test_id: &str, text: &str) {
        let el = self.by_id(test_id);
        self.clear(&el);
        self.type_text(&el, text);
    }

    pub fn text(&self, el: &Element) -> String {
        call("GET", &self.url(&format!("/element/{}/text", el.id)), None)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Picks the `<option>` of a `<select>` whose value is `value`, as a person would.
    pub fn select(&self, select: &Element, value: &str) {
        self.execute(
            "const [s, v] = arguments; s.value = v; s.dispatchEvent(new Event('change', { bubbles: true })); s.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![element_json(select), json!(value)],
        );
    }

    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        call(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({ "script": script, "args": args })),
        )
        .expect("execute script")
    }

    /// Runs `script` as an asynchronous script: it finishes by calling its last argument
    /// with the result (within the driver's script timeout).
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        call(
            "POST",
            &self.url("/execute/async"),
            Some(json!({ "script": script, "args": args })),
        )
        .expect("execute async script")
    }

    /// Presses the mouse on `from`, moves it in steps onto `to` and releases it there: a
    /// drag as the page's pointer events see it.
    pub fn drag(&self, from: &Element, to: &Element) {
        let actions = json!([{
            "type": "pointer",
            "id": "mouse",
            "parameters": { "pointerType": "mouse" },
            "actions": [
                { "type": "pointerMove", "origin": element_json(from), "x": 0, "y": 0, "duration": 0 },
                { "type": "pointerDown", "button": 0 },
                { "type": "pause", "duration": 100 },
                { "type": "pointerMove", "origin": "pointer", "x": 12, "y": 6, "duration": 100 },
                { "type": "pointerMove", "origin": element_json(to), "x": 0, "y": 0, "duration": 300 },
                { "type": "pause", "duration": 100 },
                { "type": "pointerUp", "button": 0 }
            ]
        }]);
        call(
            "POST",
            &self.url("/actions"),
            Some(json!({ "actions": actions })),
        )
        .expect("drag");
        let _ = call("DELETE", &self.url("/actions"), None);
    }

    /// Gives `el` the keyboard focus, as Tab would.
    pub fn focus(&self, el: &Element) {
        self.execute("arguments[0].focus()", vec![element_json(el)]);
    }

    /// An attribute of `el`, if it has it.
    pub fn attribute(&self, el: &Element, name: &str) -> Option<String> {
        call(
            "GET",
            &self.url(&format!("/element/{}/attribute/{name}", el.id)),
            None,
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
    }

    /// Presses and releases each key of `keys` in turn, on whatever has the focus (W3C key
    /// codes for the named keys: `\u{E007}` Enter, `\u{E00C}` Escape, `\u{E014}` →).
    pub fn keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|key| {
                let key = key.to_string();
                [
                    json!({ "type": "keyDown", "value": key }),
                    json!({ "type": "keyUp", "value": key }),
                ]
            })
            .collect();
        let actions = json!([{ "type": "key", "id": "keyboard", "actions": actions }]);
        call(
            "POST",
            &self.url("/actions"),
            Some(json!({ "actions": actions })),
        )
        .expect("keys");
        let _ = call("DELETE", &self.url("/actions"), None);
    }

    /// The text a frame's page shows (its `<body>`), read from inside the frame; the
    /// session returns to the top page after.
    pub fn frame_text(&self, frame: &Element) -> String {
        call(
            "POST",
            &self.url("/frame"),
            Some(json!({ "id": element_json(frame) })),
        )
        .expect("switch into the frame");
        let text = self
            .find("body")
            .map(|body| self.text(&body))
            .unwrap_or_default();
        call("POST", &self.url("/frame"), Some(json!({ "id": null })))
            .expect("switch back to the top page");
        text
    }

    /// Waits until an element with `test_id` shows text for which `ok` holds; returns it.
    /// Hidden elements show no text, so screens kept mounted out of sight do not count.
    pub fn wait_text(&self, test_id: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < Duration::from_secs(20) {
            for el in self.find_all(&format!("[data-testid=\"{test_id}\"]")) {
                last = self.text(&el);
                if ok(&last) {
                    return last;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("waited for {test_id} to show {what}; it shows {last:?}");
    }

    /// Saves a PNG of the (virtual) screen with ImageMagick's `import`. WebKitWebDriver's
    /// own screenshot command hangs under Xvfb, so the display is captured instead.
    pub fn screenshot(&self, path: &Path) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("screenshot folder");
        }
        // Let the last change paint before capturing.
        std::thread::sleep(Duration::from_millis(300));
        let status = std::process::Command::new("import")
            .args(["-window", "root"])
            .arg(path)
            .status()
            .expect("ImageMagick's import runs");
        assert!(status.success(), "screenshot to {}", path.display());
    }

    pub fn end(self) {
        let _ = call("DELETE", &self.base, None);
    }
}

fn element(value: &Value) -> Option<Element> {
    value[ELEMENT_KEY]
        .as_str()
        .map(|id| Element { id: id.to_string() })
}

fn element_json(el: &Element) -> Value {
    json!({ ELEMENT_KEY: el.id })
}
