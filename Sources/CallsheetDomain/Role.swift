/// The three kinds of people who use Callsheet (DOMAIN.md, "People").
///
/// Roles are totally ordered so that each console command can declare the *least* role it
/// needs: an administrator may do everything a manager may, and a manager everything a
/// viewer may. Keeping it a single order (rather than a permission matrix) makes every
/// authorization decision one comparison that is easy to audit.
public enum Role: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible, Codable {
    /// A sales director: reads reports only.
    case viewer = 1
    /// A salesperson: claims calls and records what happened, for their own clients only.
    case manager = 2
    /// Runs campaigns: builds lists, opens waves, moves clients, reads everything.
    case admin = 3

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .viewer: "viewer"
        case .manager: "manager"
        case .admin: "admin"
        }
    }

    /// Parses the spelling used in configuration files and on the console.
    public init?(name: String) {
        switch name.lowercased() {
        case "viewer": self = .viewer
        case "manager": self = .manager
        case "admin", "administrator": self = .admin
        default: return nil
        }
    }
}
