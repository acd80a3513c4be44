import dns2 from 'dns2';

const { Packet } = dns2;

/** What the loopback DNS server knows about one name. */
export interface DnsRecords {
  cname?: string;
  a?: string[];
  aaaa?: string[];
}

export interface LoopbackDns {
  /** `127.0.0.1:<port>`, for `PORTA_DNS_SERVERS`. */
  server: string;
  /** Names → records; change it at any time, the next query sees it. */
  zone: Map<string, DnsRecords>;
  /** When true, every answer is SERVFAIL (a broken or unreachable DNS). */
  failing: boolean;
  close(): Promise<void>;
}

/**
 * A real DNS server on loopback (dns2, UDP) for the custom-domain checks (D-2). It answers like
 * a recursive resolver would: an A/AAAA query on a CNAME gets the CNAME and, when the zone
 * knows it, the target's addresses; an unknown name is NXDOMAIN; a known name without the
 * asked type is an empty answer (NODATA).
 */
export async function startLoopbackDns(zone: Map<string, DnsRecords> = new Map(), port = 0): Promise<LoopbackDns> {
  const state = { failing: false };
  const server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      if (!question || state.failing) {
        response.header.rcode = 2;
        return send(response);
      }
      const name = question.name.toLowerCase().replace(/\.$/, '');
      const records = zone.get(name);
      if (!records) {
        response.header.rcode = 3;
        return send(response);
      }
      type Answer = (typeof response.answers)[number];
      // dns2's types ask every answer for `toBuffer`, which plain records (what the encoder takes) lack.
      const answer = (r: Omit<Answer, 'toBuffer'>) => response.answers.push(r as Answer);
      const base = { class: Packet.CLASS.IN, ttl: 60 };
      let addressesOf: DnsRecords | undefined = records;
      let owner = name;
      if (records.cname) {
        answer({ ...base, name, type: Packet.TYPE.CNAME, domain: records.cname });
        if (question.type === Packet.TYPE.CNAME) return send(response);
        owner = records.cname;
        addressesOf = zone.get(records.cname);
      }
      if (question.type === Packet.TYPE.A) for (const address of addressesOf?.a ?? []) answer({ ...base, name: owner, type: Packet.TYPE.A, address });
      if (question.type === Packet.TYPE.AAAA) for (const address of addressesOf?.aaaa ?? []) answer({ ...base, name: owner, type: Packet.TYPE.AAAA, address });
      send(response);
    },
  });
  await server.listen({ udp: { port, address: '127.0.0.1' } });
  const bound = server.addresses().udp?.port;
  if (!bound) throw new Error('the loopback DNS server did not start');
  return {
    server: `127.0.0.1:${bound}`,
    zone,
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    close: () => server.close(),
  };
}
