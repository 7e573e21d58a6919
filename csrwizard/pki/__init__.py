"""What creating a request and checking the CA's reply both stand on: keys and their
fingerprints, host names, the chain and the trust store, unpacking a .pfx, the validity
schedule and the folder's state. It imports nothing from request/ or reply/."""
