-- Custom headers may carry credentials (Authorization, X-API-Key...). Their values are kept encrypted, like endpoint
-- secrets: headers_ciphertext holds the whole map sealed with the endpoint cipher; the headers column keeps what the API
-- shows, with credential values replaced by "(set)". Rows written before this migration have headers_ciphertext null
-- until the admin's CustomHeaderSealer seals them at its next start (delivery reads either form meanwhile).
alter table endpoint add column headers_ciphertext text;
