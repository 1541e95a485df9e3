-- A retry answers with the first call's response (AIP-155), so the response is kept with its key.
-- Keys kept before this migration have none; their retries answer from the resource as it is now.
ALTER TABLE request_keys ADD COLUMN first_response MEDIUMTEXT NULL;
