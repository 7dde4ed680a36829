use unicode_normalization::UnicodeNormalization;

/// Folds a place name to its lookup key: lower case, accents and apostrophes
/// removed, hyphens and dots as spaces, spaces collapsed. Transliteration
/// variants that differ only in these ("Bílá Tserkva", "Bila-Tserkva",
/// "St. Petersburg") meet; variants that differ in letters ("Kryvyy",
/// "Odessa") are reached through GeoNames' alternate names.
///
/// ```
/// use corroborate_gazetteer::fold_name;
/// assert_eq!(fold_name("Bílá  Tserkva"), "bila tserkva");
/// assert_eq!(fold_name("St. Petersburg"), "st petersburg");
/// assert_eq!(fold_name("Дніпро"), fold_name("ДНІПРО"));
/// ```
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true;
    for c in name.nfd() {
        if matches!(c, '\u{0300}'..='\u{036F}') {
            continue;
        }
        if matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘' | 'ʻ') {
            continue;
        }
        if c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '.' | ',') {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        out.extend(c.to_lowercase());
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}
