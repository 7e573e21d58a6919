# The line-by-line mode as a remote admin drives it: the answers come down a PowerShell pipe and
# there is no console, as for a program run under Enter-PSSession. Windows PowerShell 5.1, the
# shell Windows Server ships with; CI runs it for the pip-installed command and the executable:
#   powershell -NoProfile -File packaging/plain_pipe.ps1 csrwizard
#   powershell -NoProfile -File packaging/plain_pipe.ps1 dist\csrwizard.exe
param([Parameter(Mandatory = $true)][string]$Command)
# Not "Stop": Windows PowerShell turns a native program's stderr into errors, and the refusals
# checked below are written there on purpose. Every exit code is checked instead.
$ErrorActionPreference = "Continue"

function Fail([string]$message) {
    Write-Output "FAILED: $message"
    exit 1
}

$work = Join-Path ([System.IO.Path]::GetTempPath()) ("csrwizard-pipe-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $work | Out-Null

# 1. The seed's example, piped in: TN is offered in full and Enter takes it; openssl reads the CSR.
$answers = @("IN", "TN", "", "Chennai", "ZOHO", "", "www.zoho.com",
    "*.domain.com, manageengine.com, ems.com, desktopcentral.com", "", "y")
$answers | & $Command create --plain --dir $work
if ($LASTEXITCODE -ne 0) { Fail "create --plain from a pipe exited $LASTEXITCODE" }
& openssl req -in (Join-Path $work "server.csr") -noout -verify
if ($LASTEXITCODE -ne 0) { Fail "openssl could not verify the CSR" }
$subject = & openssl req -in (Join-Path $work "server.csr") -noout -subject -nameopt RFC2253
if ("$subject" -ne "subject=CN=www.zoho.com,O=ZOHO,L=Chennai,ST=Tamil Nadu,C=IN") { Fail "subject: $subject" }

# 2. Answers that end early: exit 1, and nothing written.
$early = Join-Path $work "early"
New-Item -ItemType Directory -Path $early | Out-Null
@("IN", "Tamil Nadu") | & $Command create --plain --dir $early
if ($LASTEXITCODE -ne 1) { Fail "answers that end early exited $LASTEXITCODE, not 1" }
if (Get-ChildItem $early) { Fail "answers that end early left files" }

# 3. A passphrase with no console and no --password-*: refused in words (exit 2), never waited for.
& openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes-256-cbc -pass pass:s3cret `
    -out (Join-Path $work "encrypted.key")
if ($LASTEXITCODE -ne 0) { Fail "openssl could not make an encrypted key" }
@("y") | & $Command decrypt --plain --dir $work encrypted.key
if ($LASTEXITCODE -ne 2) { Fail "a passphrase with no console exited $LASTEXITCODE, not 2" }

# 4. The same with --password-env: decrypted.
$env:EC_PASS = "s3cret"
@("y") | & $Command decrypt --plain --dir $work encrypted.key --password-env EC_PASS
if ($LASTEXITCODE -ne 0) { Fail "decrypt --plain --password-env exited $LASTEXITCODE" }
if ((Get-Content (Join-Path $work "encrypted.key") -Raw) -match "ENCRYPTED") { Fail "the key is still encrypted" }

Remove-Item -Recurse -Force $work
Write-Output "the line-by-line mode through a PowerShell pipe: ok"
