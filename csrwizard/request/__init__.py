"""Before the CA: the subject and its rules, the key, the CSR, and the create and decrypt operations."""
