"""The Textual face of csrwizard: shows the engine's messages, never re-decides its rules."""
