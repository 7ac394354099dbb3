//! "Did you mean": the closest known word to a misspelt one, for every error message that
//! names something unknown (commands, keywords, labels, functions, entity names).

/// Edit distance counting insertions, deletions, substitutions and swaps of neighbouring
/// characters as one edit each, since swapped letters are the commonest typing slip.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `word`, ignoring case, if it is close enough to be a slip: at most
/// two edits, or a quarter of the candidate's length for long names. An exact match is not a
/// suggestion.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&w, &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 && *d <= 2.max(c.chars().count() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_count_once_and_far_words_are_not_offered() {
        assert_eq!(edit_distance("shcema", "schema"), 1);
        assert_eq!(edit_distance("Persn", "Person"), 1);
        assert_eq!(closest("RETRUN", ["RETURN", "REMOVE"]), Some("RETURN"));
        assert_eq!(closest("xyz", ["Person", "Statement"]), None);
        assert_eq!(closest("person", ["Person"]), None);
    }
}
