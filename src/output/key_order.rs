//! The key order of a `--query` result, as the AWS CLI prints it.
//!
//! Python's jmespath keeps insertion order: an object taken from the answer keeps the answer's
//! order, and a multi-select hash (`{z: Username, a: Enabled}`) keeps the order written in the
//! query, which `--output text` turns into the order of its columns. The jmespath crate holds
//! objects in sorted maps, so its result is put back in order here: each object whose set of
//! keys is that of a multi-select hash in the query, or else of an object in the answer, takes
//! that one's order (the query's first). Other objects (from `merge()` or a literal) stay
//! sorted.

use jmespath::ast::Ast;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Key orders found, by the sorted list of their keys.
type Orders = HashMap<Vec<String>, Vec<String>>;

/// Puts the objects of `result` in the order the AWS CLI prints them.
pub fn restore(result: Value, query: &Ast, answer: &Value) -> Value {
    let mut orders = Orders::new();
    from_query(query, &mut orders);
    from_answer(answer, &mut orders);
    reorder(result, &orders)
}

fn remember(keys: Vec<String>, orders: &mut Orders) {
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    orders.entry(sorted).or_insert(keys);
}

/// The query's multi-select hashes, outermost first. The query's depth is capped before it is
/// compiled (`QUERY_LIMIT`), so this recursion is bounded.
fn from_query(ast: &Ast, orders: &mut Orders) {
    match ast {
        Ast::MultiHash { elements, .. } => {
            let mut keys: Vec<String> = Vec::with_capacity(elements.len());
            for pair in elements {
                if !keys.contains(&pair.key) {
                    keys.push(pair.key.clone());
                }
            }
            remember(keys, orders);
            for pair in elements {
                from_query(&pair.value, orders);
            }
        }
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => {
            from_query(lhs, orders);
            from_query(rhs, orders);
        }
        Ast::Condition {
            predicate, then, ..
        } => {
            from_query(predicate, orders);
            from_query(then, orders);
        }
        Ast::Expref { ast: node, .. }
        | Ast::Flatten { node, .. }
        | Ast::Not { node, .. }
        | Ast::ObjectValues { node, .. } => from_query(node, orders),
        Ast::Function { args: nodes, .. }
        | Ast::MultiList {
            elements: nodes, ..
        } => {
            for node in nodes {
                from_query(node, orders);
            }
        }
        Ast::Identity { .. }
        | Ast::Field { .. }
        | Ast::Index { .. }
        | Ast::Literal { .. }
        | Ast::Slice { .. } => {}
    }
}

/// The answer's objects. Answers are parsed with a depth limit (`crate::depth`), so this
/// recursion is bounded.
fn from_answer(value: &Value, orders: &mut Orders) {
    match value {
        Value::Object(map) => {
            remember(map.keys().cloned().collect(), orders);
            map.values().for_each(|v| from_answer(v, orders));
        }
        Value::Array(items) => items.iter().for_each(|v| from_answer(v, orders)),
        _ => {}
    }
}

fn reorder(value: Value, orders: &Orders) -> Value {
    match value {
        Value::Object(mut map) => {
            let mut sorted: Vec<String> = map.keys().cloned().collect();
            sorted.sort();
            let order = orders.get(&sorted).cloned().unwrap_or(sorted);
            let mut out = Map::with_capacity(map.len());
            for key in order {
                if let Some(v) = map.remove(&key) {
                    out.insert(key, reorder(v, orders));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| reorder(v, orders)).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(v: &Value) -> Vec<&str> {
        v.as_object()
            .map_or_else(Vec::new, |m| m.keys().map(String::as_str).collect())
    }

    fn run(query: &str, answer: &Value) -> Value {
        crate::output::apply_query(answer, query).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_multi_select_hash_keeps_the_order_written_in_the_query() {
        let answer = json!({"Username": "bob", "Enabled": true});
        let out = run("{z: Username, a: Enabled, m: `1`}", &answer);
        assert_eq!(keys(&out), ["z", "a", "m"]);
    }

    #[test]
    fn an_object_from_the_answer_keeps_the_answers_order() {
        let answer = json!({"User": {"Username": "bob", "Enabled": true, "Attributes": []}});
        assert_eq!(
            keys(&run("User", &answer)),
            ["Username", "Enabled", "Attributes"]
        );
        let list = json!({"Users": [{"Username": "a", "Enabled": true}, {"Username": "b", "Enabled": false}]});
        let out = run("Users[*]", &list);
        for user in out.as_array().into_iter().flatten() {
            assert_eq!(keys(user), ["Username", "Enabled"]);
        }
    }

    #[test]
    fn nested_hashes_in_projections_keep_their_orders() {
        let answer = json!({"Users": [{"Username": "a", "Enabled": true}]});
        let out = run(
            "Users[].{name: Username, inner: {y: Enabled, b: Username}}",
            &answer,
        );
        let first = &out[0];
        assert_eq!(keys(first), ["name", "inner"]);
        assert_eq!(keys(&first["inner"]), ["y", "b"]);
    }
}
