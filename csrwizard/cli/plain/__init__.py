"""The line-by-line mode: one question per line, plain text only, for every terminal the wizard can't use.

Screen readers, serial consoles, PowerShell remoting and TERM=dumb read it as it is: no colour,
no cursor movement. Every answer goes through the same engine rules as the wizard.
"""
