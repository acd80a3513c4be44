import { z } from 'zod';

/**
 * The parts of Atera's API v3 answers the importer reads (docs/IMPORTS-ATERA.md lists them with
 * where each came from). Objects are loose: Atera sends many more fields, and an item missing
 * what Porta needs is counted as skipped rather than failing the page.
 */

/** Atera ids are integers; kept as text (the mapping table's key). */
const ateraId = z.union([z.number().int(), z.string().trim().min(1).max(100)]).transform(String);
const text = z.string().nullish();
const flag = z.boolean().nullish();

/** The paging envelope of every list: `?page=&itemsInPage=` (at most 50 a page). */
export const ateraPageSchema = z.looseObject({
  items: z.array(z.unknown()),
  totalItemCount: z.number().int().min(0).nullish(),
  page: z.number().int().nullish(),
  itemsInPage: z.number().int().nullish(),
  totalPages: z.number().int().min(0),
  prevLink: text,
  nextLink: text,
});
export type AteraPage = z.infer<typeof ateraPageSchema>;

export const ateraCustomerSchema = z.looseObject({
  CustomerID: ateraId,
  CustomerName: z.string().trim().min(1),
  Domain: text,
});
export type AteraCustomer = z.infer<typeof ateraCustomerSchema>;

/**
 * A contact ("end user"). Its id is `EndUserID` in the answers we found documented; `ContactID`
 * is the name the single-contact endpoint's parameter goes by, accepted too. The name fields
 * appear both as `Firstname` and `FirstName` in the material we found: either is read.
 */
export const ateraContactSchema = z
  .looseObject({
    EndUserID: ateraId.optional(),
    ContactID: ateraId.optional(),
    CustomerID: ateraId,
    Email: text,
    Firstname: text,
    FirstName: text,
    Lastname: text,
    LastName: text,
    Phone: text,
    IsContactPerson: flag,
  })
  .refine((c) => c.EndUserID !== undefined || c.ContactID !== undefined, { message: 'no contact id' })
  .transform((c) => ({
    id: (c.EndUserID ?? c.ContactID) as string,
    customerId: c.CustomerID,
    email: c.Email ?? null,
    firstName: c.Firstname ?? c.FirstName ?? '',
    lastName: c.Lastname ?? c.LastName ?? '',
    phone: c.Phone ?? null,
    isPrimary: c.IsContactPerson === true,
  }));
export type AteraContact = z.infer<typeof ateraContactSchema>;

export const ateraTicketSchema = z.looseObject({
  TicketID: ateraId,
  TicketTitle: z.string(),
  TicketStatus: text,
  TicketPriority: text,
  TicketType: text,
  TicketCreatedDate: text,
  CustomerID: ateraId.nullish(),
  EndUserID: ateraId.nullish(),
  EndUserEmail: text,
  EndUserFirstName: text,
  EndUserLastName: text,
  FirstComment: text,
});
export type AteraTicket = z.infer<typeof ateraTicketSchema>;

/** One entry of `tickets/{id}/comments`. Atera documents no comment id: the key is derived (see the writer). */
export const ateraCommentSchema = z.looseObject({
  CommentText: z.string(),
  CommentTimestampUTC: text,
  IsInternal: flag,
  EndUserID: ateraId.nullish(),
  EnduserID: ateraId.nullish(),
  Email: text,
  FirstName: text,
  LastName: text,
});
export type AteraComment = z.infer<typeof ateraCommentSchema>;

/** A knowledge-base article. The least documented shape of the five: see docs/IMPORTS-ATERA.md. */
export const ateraArticleSchema = z.looseObject({
  KBID: ateraId,
  KBProduct: text,
  KBContext: text,
  KBKeywords: text,
  KBInternal: flag,
});
export type AteraArticle = z.infer<typeof ateraArticleSchema>;
