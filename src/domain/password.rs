//! What makes an acceptable new password: 8 to 128 characters and not one of the passwords
//! attackers try first. Pure, so the page can explain what the server enforces.

use super::InputProblem;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// The most used passwords in public breach lists (lower case), and shop-flavoured variants.
const COMMON: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "12345678910",
    "password",
    "password1",
    "password12",
    "password123",
    "passw0rd",
    "qwertyui",
    "qwerty123",
    "qwertyuiop",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1qaz2wsx",
    "11111111",
    "00000000",
    "88888888",
    "87654321",
    "iloveyou",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "superman",
    "starwars",
    "trustno1",
    "whatever",
    "letmein1",
    "welcome1",
    "welcome123",
    "abcd1234",
    "abc12345",
    "asdfghjk",
    "zaq12wsx",
    "q1w2e3r4",
    "changeme",
    "michelle",
    "jennifer",
    "computer",
    "internet",
    "shopping",
    "passord1",
    "passord123",
    "salasana",
    "salasana1",
    "wachtwoord",
    "wachtwoord1",
    "administrator",
    "admin123",
    "adminadmin",
    "letmein123",
    "hello123",
    "monkey123",
    "dragon123",
    "master123",
    "secret123",
    "summer2026",
    "winter2026",
];

/// Checks a new password and its repetition.
pub fn check_new_password(password: &str, repeated: &str) -> Result<(), InputProblem> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err(InputProblem::Required);
    }
    if chars > MAX_CHARS {
        return Err(InputProblem::TooLong);
    }
    if chars < MIN_CHARS {
        return Err(InputProblem::TooShort);
    }
    let lower = password.to_lowercase();
    let one_symbol = password.chars().all(|c| password.starts_with(c));
    if COMMON.contains(&lower.as_str()) || one_symbol {
        return Err(InputProblem::TooCommon);
    }
    if password != repeated {
        return Err(InputProblem::Mismatch);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_are_long_enough_uncommon_and_repeated() {
        let ok = "fjord-and-pine-2026";
        assert_eq!(check_new_password(ok, ok), Ok(()));
        assert_eq!(check_new_password("", ""), Err(InputProblem::Required));
        assert_eq!(
            check_new_password("short7!", "short7!"),
            Err(InputProblem::TooShort)
        );
        let long = "x".repeat(129);
        assert_eq!(check_new_password(&long, &long), Err(InputProblem::TooLong));
        assert_eq!(
            check_new_password("Password123", "Password123"),
            Err(InputProblem::TooCommon)
        );
        assert_eq!(
            check_new_password("aaaaaaaaaa", "aaaaaaaaaa"),
            Err(InputProblem::TooCommon)
        );
        assert_eq!(
            check_new_password(ok, "fjord-and-pine-2025"),
            Err(InputProblem::Mismatch)
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 8 characters, 16 bytes: long enough. 128 emoji are 512 bytes: still allowed.
        let nordic = "æøåäöüßé";
        assert_eq!(check_new_password(nordic, nordic), Ok(()));
        let emoji = "🔒".repeat(128);
        assert_eq!(
            check_new_password(&emoji, &emoji),
            Err(InputProblem::TooCommon)
        );
        let mixed = "🔒a".repeat(64);
        assert_eq!(check_new_password(&mixed, &mixed), Ok(()));
    }
}
