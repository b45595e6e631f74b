/// What a web account's password must be. Length is what protects a password against
/// guessing, so the rule is length, not character classes (NIST SP 800-63B): at least
/// ``minimumLength`` characters, at most ``maximumBytes`` bytes (Bcrypt reads no further, so
/// a longer one would be silently cut), not the login itself, and no line breaks (the
/// console sends it as one payload line).
public enum PasswordRule {
    public static let minimumLength = 10
    public static let maximumBytes = 72

    /// Why `password` cannot be `login`'s password; nil when it can.
    public static func problem(with password: String, login: String) -> String? {
        if password.count < minimumLength {
            return "a password needs at least \(minimumLength) characters (this one has \(password.count)); a few words make a good one"
        }
        if password.utf8.count > maximumBytes {
            return "a password may have at most \(maximumBytes) bytes (this one has \(password.utf8.count))"
        }
        if password.lowercased().contains(login.lowercased()) {
            return "a password must not contain the login '\(login)'"
        }
        if password.contains(where: { $0.isNewline }) || password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "a password must not contain line breaks or control characters"
        }
        return nil
    }
}
