//! A map that holds at most a fixed number of entries: inserting into a full map evicts the
//! oldest entry. Sessions, pending SRP exchanges and refresh tokens live in these, so however
//! many sign-ins a client starts, the emulator's memory stays bounded.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

pub struct CappedMap<K, V> {
    capacity: usize,
    /// Each entry with its insertion number.
    entries: HashMap<K, (u64, V)>,
    /// Insertion number → key, oldest first.
    order: BTreeMap<u64, K>,
    next: u64,
}

impl<K: Hash + Eq + Clone, V> CappedMap<K, V> {
    /// A map that keeps at most `capacity` entries (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            entries: HashMap::new(),
            order: BTreeMap::new(),
            next: 0,
        }
    }

    /// Inserts (or replaces, as the newest) `key`; evicts the oldest entries beyond capacity.
    pub fn insert(&mut self, key: K, value: V) {
        self.remove(&key);
        let number = self.next;
        self.next += 1;
        self.order.insert(number, key.clone());
        self.entries.insert(key, (number, value));
        while self.entries.len() > self.capacity {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            self.entries.remove(&oldest);
        }
    }

    pub fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.entries.get(key).map(|(_, v)| v)
    }

    pub fn get_mut<Q: Hash + Eq + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.entries.get_mut(key).map(|(_, v)| v)
    }

    pub fn remove<Q: Hash + Eq + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let (number, value) = self.entries.remove(key)?;
        self.order.remove(&number);
        Some(value)
    }

    /// Drops the oldest entries for as long as `expired` says so: cheap enough to run at every
    /// insert, since it stops at the first entry to keep instead of visiting them all.
    pub fn drop_oldest_while(&mut self, mut expired: impl FnMut(&V) -> bool) {
        while let Some(entry) = self.order.first_entry() {
            match self.entries.get(entry.get()) {
                Some((_, value)) if !expired(value) => break,
                _ => {
                    let key = entry.remove();
                    self.entries.remove(&key);
                }
            }
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(map: &CappedMap<String, u32>) -> Vec<String> {
        map.order.values().cloned().collect()
    }

    #[test]
    fn a_full_map_evicts_the_oldest_entry() {
        let mut map = CappedMap::new(3);
        for (i, key) in ["a", "b", "c", "d"].into_iter().enumerate() {
            map.insert(key.to_string(), i as u32);
        }
        assert_eq!(map.len(), 3);
        assert_eq!(map.get("a"), None, "the oldest went");
        assert_eq!(keys(&map), ["b", "c", "d"]);
        map.insert("e".into(), 4);
        assert_eq!(keys(&map), ["c", "d", "e"]);
        assert_eq!(map.get("e"), Some(&4));
    }

    #[test]
    fn replacing_a_key_makes_it_the_newest_and_removal_frees_a_place() {
        let mut map = CappedMap::new(3);
        for key in ["a", "b", "c"] {
            map.insert(key.to_string(), 0);
        }
        map.insert("a".into(), 9);
        assert_eq!(keys(&map), ["b", "c", "a"]);
        map.insert("d".into(), 0);
        assert_eq!(keys(&map), ["c", "a", "d"], "b was the oldest then");
        assert_eq!(map.get("a"), Some(&9));
        assert_eq!(map.remove("c"), Some(0));
        map.insert("e".into(), 0);
        assert_eq!(
            keys(&map),
            ["a", "d", "e"],
            "nothing evicted: c's place was free"
        );
    }

    #[test]
    fn dropping_the_oldest_stops_at_the_first_one_to_keep() {
        let mut map = CappedMap::new(5);
        for (key, expiry) in [("a", 1), ("b", 2), ("c", 9), ("d", 1), ("e", 9)] {
            map.insert(key.to_string(), expiry);
        }
        map.drop_oldest_while(|expiry| *expiry < 5);
        assert_eq!(
            keys(&map),
            ["c", "d", "e"],
            "d is old too, but newer than c"
        );
        map.drop_oldest_while(|_| true);
        assert_eq!(map.len(), 0);
    }

    #[test]
    fn a_hundred_thousand_inserts_stay_within_capacity() {
        let mut map = CappedMap::new(1000);
        for i in 0..100_000u32 {
            map.insert(i.to_string(), i);
        }
        assert_eq!(map.len(), 1000);
        assert_eq!(map.order.len(), 1000);
        assert_eq!(map.get("98999"), None);
        assert_eq!(map.get("99000"), Some(&99_000));
    }
}
