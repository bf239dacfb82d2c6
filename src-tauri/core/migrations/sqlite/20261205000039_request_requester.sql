-- Who asked, as they named themselves (a name, and how to reach them), for a
-- request from someone the register has no customer for: it is answered
-- within its month like any other, if only to say that nothing of them is
-- held (Art. 12(3), 15(1)). Emptied when the request is linked to the
-- customer it turns out to be about; deleted with the request.
ALTER TABLE requests ADD COLUMN requester TEXT;
