//! The search for cyclic conditions, apart from the type checker that reports them: the
//! strongly connected components of the graph of conditions (Tarjan's algorithm, iterative so
//! that a long chain cannot overflow the stack), then one path per cycle, each cycle reported
//! once at its first condition.

use crate::ir::{self, ConditionId};

/// `a -> b -> a`, with the middle of a long cycle left out.
pub(super) fn describe_cycle(path: &[ConditionId], conditions: &[ir::Condition]) -> String {
    const SHOWN: usize = 8;
    let name = |id: &ConditionId| conditions[id.index()].name.node.as_str();
    if path.len() <= SHOWN {
        return path.iter().map(name).collect::<Vec<_>>().join(" -> ");
    }
    let head: Vec<&str> = path.iter().take(SHOWN / 2).map(name).collect();
    let tail: Vec<&str> = path.iter().skip(path.len() - SHOWN / 2).map(name).collect();
    format!("{} -> ({} more) -> {}", head.join(" -> "), path.len() - SHOWN, tail.join(" -> "))
}

/// The cycles to report, each as a path `start -> ... -> start`: each cycle once, at its first
/// condition (a cycle through 5,000 conditions is one mistake, not 5,000 errors of 5,000 names
/// each); a condition on a reported cycle starts no other report.
pub(super) fn cycles(edges: &[Vec<ConditionId>]) -> Vec<Vec<ConditionId>> {
    // Only a condition in a strongly connected component with a cycle can reach itself, and
    // only through its component: searching from every condition over the whole graph was
    // quadratic on a long chain without any cycle.
    let components = strongly_connected_components(edges);
    let mut reported = vec![false; edges.len()];
    let mut found = Vec::new();
    for start in (0..edges.len()).map(|i| ConditionId(i as u32)) {
        if reported[start.index()] || !components.cyclic(start, edges) {
            continue;
        }
        if let Some(path) = find_cycle(edges, start, &components) {
            for id in &path {
                reported[id.index()] = true;
            }
            found.push(path);
        }
    }
    found
}

/// The strongly connected components of the conditions' graph: which component each
/// condition is in, and how many conditions each component has.
struct Components {
    of: Vec<usize>,
    sizes: Vec<usize>,
}

impl Components {
    fn same(&self, a: ConditionId, b: ConditionId) -> bool {
        self.of.get(a.index()) == self.of.get(b.index())
    }

    /// Whether a cycle goes through `id`: its component has other conditions, or it uses itself.
    fn cyclic(&self, id: ConditionId, edges: &[Vec<ConditionId>]) -> bool {
        let size = self.of.get(id.index()).and_then(|c| self.sizes.get(*c)).copied();
        size.is_some_and(|n| n > 1) || edges.get(id.index()).is_some_and(|e| e.contains(&id))
    }
}

/// Tarjan's algorithm, with an explicit stack so that long chains cannot overflow.
fn strongly_connected_components(edges: &[Vec<ConditionId>]) -> Components {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut of = vec![0; n];
    let mut sizes = Vec::new();
    let mut next_index = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, how many of its successors were visited)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if *next == 0 && index[node] == UNSEEN {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            let successors = edges.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(succ) = successors.get(*next).map(|s| s.index()) {
                *next += 1;
                if succ >= n {
                    continue;
                }
                if index[succ] == UNSEEN {
                    work.push((succ, 0));
                } else if on_stack[succ] {
                    low[node] = low[node].min(index[succ]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let component = sizes.len();
                let mut size = 0;
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    of[member] = component;
                    size += 1;
                    if member == node {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }
    Components { of, sizes }
}

/// A path `start -> ... -> start` through `edges`, if there is one. Such a path stays in the
/// component of `start`, so the search does not leave it.
fn find_cycle(
    edges: &[Vec<ConditionId>],
    start: ConditionId,
    components: &Components,
) -> Option<Vec<ConditionId>> {
    // Depth-first search with an explicit stack, so long chains cannot overflow.
    let mut stack: Vec<(ConditionId, usize)> = vec![(start, 0)];
    let mut on_path = vec![start];
    let mut visited = vec![false; edges.len()];
    while let Some((node, next)) = stack.last_mut() {
        let successors = edges.get(node.index()).map_or(&[][..], Vec::as_slice);
        if let Some(&succ) = successors.get(*next) {
            *next += 1;
            if succ == start {
                let mut path = on_path.clone();
                path.push(start);
                return Some(path);
            }
            if !components.same(succ, start) {
                continue;
            }
            if !visited[succ.index()] {
                visited[succ.index()] = true;
                stack.push((succ, 0));
                on_path.push(succ);
            }
        } else {
            stack.pop();
            on_path.pop();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The search before components: from every condition over the whole graph.
    fn cycles_by_brute_force(edges: &[Vec<ConditionId>]) -> Vec<Vec<ConditionId>> {
        let everything = Components { of: vec![0; edges.len()], sizes: vec![edges.len()] };
        let mut reported = vec![false; edges.len()];
        let mut found = Vec::new();
        for start in (0..edges.len()).map(|i| ConditionId(i as u32)) {
            if reported[start.index()] {
                continue;
            }
            if let Some(path) = find_cycle(edges, start, &everything) {
                for id in &path {
                    reported[id.index()] = true;
                }
                found.push(path);
            }
        }
        found
    }

    /// Random graphs of 1 to 12 conditions (self-loops, shared nodes, chains into cycles,
    /// several cycles): the same cycles, in the same order, as the search from everywhere.
    #[test]
    fn cycles_are_those_of_the_search_from_every_condition() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        let mut with_cycles = 0;
        for _ in 0..3_000 {
            let n = 1 + next(12) as usize;
            let density = 1 + next(4);
            let edges: Vec<Vec<ConditionId>> = (0..n)
                .map(|_| {
                    (0..next(density + 1)).map(|_| ConditionId(next(n as u64) as u32)).collect()
                })
                .collect();
            let expected = cycles_by_brute_force(&edges);
            assert_eq!(cycles(&edges), expected, "{edges:?}");
            with_cycles += usize::from(!expected.is_empty());
        }
        assert!(with_cycles > 500, "only {with_cycles} graphs with a cycle");
    }
}
