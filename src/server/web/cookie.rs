//! Reading and writing the portal's cookies, one way for all of them (sessions, language,
//! kept form input). Every cookie is HttpOnly, SameSite=Lax and for the whole site; over HTTPS
//! it is also Secure, and its name carries `__Host-` (see each cookie's `name`).

/// The value of the cookie `name` in one `Cookie` header value.
pub fn find<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` value that sets `name` for `max_age` seconds (an empty value with age 0
/// removes the cookie).
pub fn set(name: &str, value: &str, max_age: u64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_by_its_exact_name_only() {
        let header = "theme=dark; portal_sid=abc; __Host-portal_sid=def;portal_lang=nb";
        assert_eq!(find(header, "portal_sid"), Some("abc"));
        assert_eq!(find(header, "__Host-portal_sid"), Some("def"));
        assert_eq!(
            find(header, "portal_lang"),
            Some("nb"),
            "no space after the semicolon"
        );
        assert_eq!(find(header, "sid"), None);
        assert_eq!(find("", "portal_sid"), None);
    }

    #[test]
    fn a_cookie_is_set_for_the_whole_site_out_of_scripts_reach() {
        assert_eq!(
            set("portal_lang", "fi", 60, false),
            "portal_lang=fi; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"
        );
        assert!(set("__Host-portal_lang", "", 0, true)
            .ends_with("; Max-Age=0; HttpOnly; SameSite=Lax; Secure"));
    }
}
