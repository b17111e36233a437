//! What the model cannot hold, kept in the resume's own shape: the difference between a
//! document and the model's rendering of it, and the merge that puts it back.

use serde_json::{Map, Value};

/// What `original` has that `rendered` does not: keys it lacks and values it writes
/// differently (objects compared key by key, everything else whole). `None` when the
/// rendering already says everything.
pub(crate) fn diff(original: &Value, rendered: &Value) -> Option<Value> {
    match (original, rendered) {
        (Value::Object(original), Value::Object(rendered)) => {
            let mut kept = Map::new();
            for (key, value) in original {
                let difference = match rendered.get(key) {
                    None => Some(value.clone()),
                    Some(other) if other == value => None,
                    Some(other) if value.is_object() && other.is_object() => diff(value, other),
                    Some(_) => Some(value.clone()),
                };
                if let Some(difference) = difference {
                    kept.insert(key.clone(), difference);
                }
            }
            (!kept.is_empty()).then_some(Value::Object(kept))
        }
        _ if original == rendered => None,
        _ => Some(original.clone()),
    }
}

/// Puts `kept` back into `target`: objects merged key by key, anything else replaced.
pub(crate) fn merge(target: &mut Map<String, Value>, kept: &Map<String, Value>) {
    for (key, value) in kept {
        match (target.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(kept_inner)) => merge(inner, kept_inner),
            _ => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Puts a section's kept items back, item by item (`null` where an item kept nothing).
/// Items beyond the section's length belonged to entries since removed, and are dropped.
pub(crate) fn merge_items(items: &mut [Value], kept: &[Value]) {
    for (item, kept) in items.iter_mut().zip(kept) {
        if let (Value::Object(item), Value::Object(kept)) = (item, kept) {
            merge(item, kept);
        }
    }
}

/// A copy of `value` without object entries whose value is `null`, at any depth: the model
/// reads an absent field where a resume writes `null`, and the `null` itself is kept by
/// [`diff`].
pub(crate) fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_keeps_missing_and_different_values_and_merge_restores_them() {
        let original = json!({
            "name": "Kari", "image": "", "x-tool": {"a": 1},
            "location": {"city": "Oslo", "note": "home"}, "tags": ["a", "b"]
        });
        let rendered = json!({"name": "Kari", "location": {"city": "Oslo"}, "tags": ["a"]});
        let kept = diff(&original, &rendered).expect("something is kept");
        assert_eq!(
            kept,
            json!({"image": "", "x-tool": {"a": 1}, "location": {"note": "home"}, "tags": ["a", "b"]})
        );
        let (Value::Object(mut restored), Value::Object(kept)) = (rendered, kept) else {
            panic!("objects");
        };
        merge(&mut restored, &kept);
        assert_eq!(Value::Object(restored), original);
    }

    #[test]
    fn nothing_is_kept_when_the_rendering_is_complete() {
        let value = json!({"name": "Kari", "highlights": ["x"]});
        assert_eq!(diff(&value, &value), None);
    }

    #[test]
    fn nulls_are_removed_at_any_depth() {
        assert_eq!(
            without_nulls(&json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}]})),
            json!({"b": {"d": 1}, "e": [{}]})
        );
    }
}
