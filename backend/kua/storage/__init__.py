"""Where ciphertext lives: a small blob store interface and its implementations."""
