/// A viewer of the directory: a sales director who reads reports and changes nothing.
public struct ViewerRecord: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var name: String
    /// Shown on the directory; viewers get no daily e-mail yet.
    public var email: String?

    public init(id: Int, login: String, name: String, email: String? = nil) {
        self.email = email
        self.id = id
        self.login = login
        self.name = name
    }
}
