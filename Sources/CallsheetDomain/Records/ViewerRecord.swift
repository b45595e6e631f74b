/// A viewer of the directory: a sales director who reads reports and changes nothing.
public struct ViewerRecord: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var name: String

    public init(id: Int, login: String, name: String) {
        self.id = id
        self.login = login
        self.name = name
    }
}
