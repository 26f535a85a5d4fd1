import { Button, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { AdminRoom } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { formatInstant } from '../../moderation/moderation';

/** Rooms with their visibility, owner, member count and creation, each with a delete button. */
export function RoomsTable({ rooms, labelledBy, onDelete }: { rooms: AdminRoom[]; labelledBy: string; onDelete: (room: AdminRoom) => void }) {
  const { t, locale } = useI18n();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableCell scope="col">{t('roomName')}</TableCell>
            <TableCell scope="col">{t('visibility')}</TableCell>
            <TableCell scope="col">{t('owner')}</TableCell>
            <TableCell scope="col" align="right">{t('members')}</TableCell>
            <TableCell scope="col">{t('created')}</TableCell>
            <TableCell scope="col" align="right">{t('actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rooms.map((room) => (
            <TableRow key={room.id} data-testid="room-row">
              <TableCell component="th" scope="row">
                {room.name}
                {room.description && (
                  <Typography variant="body2" color="text.secondary" noWrap sx={{ maxWidth: 320 }}>
                    {room.description}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{room.visibility === 'private' ? t('private') : t('public')}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{room.ownerId}</TableCell>
              <TableCell align="right">{room.memberCount.toLocaleString(locale)}</TableCell>
              <TableCell>{formatInstant(room.createdAt, locale)}</TableCell>
              <TableCell align="right">
                <Button size="small" color="error" onClick={() => onDelete(room)} aria-label={t('deleteRoomOf', { name: room.name })}>
                  {t('delete')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
