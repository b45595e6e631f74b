import CallsheetDomain

extension MoneyAmount {
    /// The canonical text (`1500.50`) of an amount typed on the console, nil for none;
    /// a text that is no amount is the console's `INVALID` with the parser's message.
    static func canonical(_ text: String?, subject: String) throws(ServiceError) -> String? {
        guard let text else { return nil }
        switch parse(text, subject: subject) {
        case .success(let amount): return amount.canonical
        case .failure(let error): throw ServiceError(.invalid, error.message)
        }
    }
}
